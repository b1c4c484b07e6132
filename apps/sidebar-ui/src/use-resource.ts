// One loaded value with its loading and error states, for data the stream may replace or amend.
import { useCallback, useEffect, useMemo, useRef, useState, type DependencyList } from 'react';

export type Resource<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'ready'; readonly data: T };

export interface ResourceControls<T> {
  /** Loads again, showing the loading state. */
  reload(): void;
  /** Loads again in the background, keeping what is shown until the answer arrives. */
  refresh(): void;
  /** Replaces the value (a live event carrying the whole state). */
  set(data: T): void;
  /** Amends the value if it is loaded (a live event carrying one item). */
  update(change: (data: T) => T): void;
}

export function useResource<T>(load: () => Promise<T>, deps: DependencyList): [Resource<T>, ResourceControls<T>] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [round, setRound] = useState({ n: 0, quiet: false });
  // Answers to an earlier request are dropped: the period may have changed meanwhile.
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const id = ++latest.current;
    if (!round.quiet) setState({ status: 'loading' });
    loadRef.current().then(
      (data) => id === latest.current && setState({ status: 'ready', data }),
      (error: unknown) =>
        id === latest.current &&
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    // The caller's deps decide when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);

  const reload = useCallback(() => setRound((r) => ({ n: r.n + 1, quiet: false })), []);
  const refresh = useCallback(() => setRound((r) => ({ n: r.n + 1, quiet: true })), []);
  const set = useCallback((data: T) => {
    latest.current += 1;
    setState({ status: 'ready', data });
  }, []);
  const update = useCallback(
    (change: (data: T) => T) => setState((s) => (s.status === 'ready' ? { status: 'ready', data: change(s.data) } : s)),
    [],
  );
  const controls = useMemo(() => ({ reload, refresh, set, update }), [reload, refresh, set, update]);
  return [state, controls];
}
