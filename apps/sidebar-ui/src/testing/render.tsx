// Mounts a view the way a host app does, with the fake host and connector.
import { act } from '@testing-library/react';
import type { HostContext } from '../host.js';
import { mountSidebar, mountTeamView } from '../mount.js';
import { FakeConnector } from './fake-connector.js';
import { createFakeHost, type FakeHost } from './fake-host.js';

export interface Mounted {
  readonly host: FakeHost;
  readonly connector: FakeConnector;
  readonly unmount: () => void;
}

export interface MountOptions {
  readonly context?: Partial<HostContext>;
  /** Adjusts the fake before the UI mounts (to start empty, failing, ...). */
  readonly setup?: (connector: FakeConnector, host: FakeHost) => void;
}

const mounted: (() => void)[] = [];

export function mountForTest(view: 'sidebar' | 'team', options: MountOptions = {}): Mounted {
  const host = createFakeHost(options.context);
  const connector = new FakeConnector();
  options.setup?.(connector, host);
  const element = document.createElement('div');
  document.body.append(element);
  const mount = view === 'sidebar' ? mountSidebar : mountTeamView;
  let unmountView: () => void = () => undefined;
  act(() => {
    unmountView = mount(element, host, { fetch: connector.fetch, EventSource: connector.EventSource });
  });
  const unmount = () => {
    act(() => unmountView());
    element.remove();
  };
  mounted.push(unmount);
  return { host, connector, unmount };
}

/** Unmounts everything mounted by the last test (call from afterEach). */
export function unmountAll(): void {
  for (const u of mounted.splice(0)) u();
}
