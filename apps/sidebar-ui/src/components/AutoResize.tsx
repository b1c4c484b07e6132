// Keeps the helpdesk's frame as tall as the content: ResizeObserver where present, else after each render.
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { SidebarHost } from '../host.js';

export type ResizeObserverFactory = new (callback: () => void) => Pick<ResizeObserver, 'observe' | 'disconnect'>;

export interface AutoResizeProps {
  readonly host: SidebarHost;
  readonly ResizeObserver?: ResizeObserverFactory | undefined;
  readonly label: string;
  readonly children: ReactNode;
}

export function AutoResize({ host, ResizeObserver: Observer, label, children }: AutoResizeProps) {
  const root = useRef<HTMLDivElement>(null);
  const last = useRef(-1);

  const report = () => {
    const el = root.current;
    if (el === null) return;
    const height = Math.ceil(Math.max(el.scrollHeight, el.getBoundingClientRect().height));
    if (height === last.current) return;
    last.current = height;
    host.resize(height);
  };

  useLayoutEffect(() => {
    if (Observer === undefined || root.current === null) return;
    const observer = new Observer(() => report());
    observer.observe(root.current);
    return () => observer.disconnect();
    // report reads only refs and the host, which is fixed for a mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [Observer]);

  // Without an observer, measure after every render (data arriving is what changes the height).
  useEffect(() => {
    if (Observer === undefined) report();
  });

  return (
    <div ref={root} role="main" aria-label={label} style={{ padding: '8px' }}>
      {children}
    </div>
  );
}
