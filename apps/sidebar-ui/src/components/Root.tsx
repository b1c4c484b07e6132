// Waits for the helpdesk, then builds the services (client, translator) and shows one view.
import { ThemeProvider } from '@zendeskgarden/react-theming';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { AppProvider, type AppServices } from '../app-context.js';
import { createConnectorClient } from '../connector-client.js';
import type { HostContext, SidebarHost } from '../host.js';
import { createTranslator } from '../i18n/translate.js';
import { BaseStyles } from '../theme/BaseStyles.js';
import { useColorScheme } from '../theme/color-scheme.js';
import { themeFor } from '../theme/themes.js';
import type { EventSourceFactory } from '../live-stream.js';
import { AutoResize, type ResizeObserverFactory } from './AutoResize.js';
import { ConnectGate } from './ConnectGate.js';
import { ErrorNotice, Loading } from './StateViews.js';

/** What the UI takes from the browser, injectable for tests and unusual hosts. */
export interface MountDeps {
  readonly fetch?: typeof fetch;
  readonly EventSource?: EventSourceFactory;
  readonly ResizeObserver?: ResizeObserverFactory;
}

export interface RootProps {
  readonly host: SidebarHost;
  readonly deps: MountDeps;
  readonly children: ReactNode;
  /** The translation key of the region's label. */
  readonly label: 'app.sidebarLabel' | 'app.teamLabel';
}

type Boot =
  | { status: 'waiting' }
  | { status: 'failed'; error: Error }
  | { status: 'ready'; services: AppServices; context: HostContext };

export function Root({ host, deps, children, label }: RootProps) {
  const [boot, setBoot] = useState<Boot>({ status: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setBoot({ status: 'waiting' });
    host.ready().then(
      (context) => {
        if (!live) return;
        const client = createConnectorClient({
          baseUrl: context.connectorUrl,
          signIn: () => host.signIn(),
          ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
          ...(deps.EventSource === undefined ? {} : { EventSource: deps.EventSource }),
        });
        setBoot({ status: 'ready', services: { host, client, tr: createTranslator(context.locale) }, context });
      },
      (error: unknown) => live && setBoot({ status: 'failed', error: asError(error) }),
    );
    return () => {
      live = false;
    };
  }, [host, deps.fetch, deps.EventSource, attempt]);

  // Before the helpdesk names a locale, the boot states speak English.
  const services = useMemo<AppServices>(
    () => (boot.status === 'ready' ? boot.services : { host, client: UNAVAILABLE_CLIENT, tr: createTranslator('en') }),
    [boot, host],
  );

  const scheme = useColorScheme(host, boot.status === 'ready' ? boot.context : null);
  const theme = useMemo(() => themeFor(host.vendor, scheme), [host.vendor, scheme]);

  return (
    <ThemeProvider theme={theme}>
      <BaseStyles />
      <AppProvider services={services}>
        <AutoResize
          host={host}
          ResizeObserver={deps.ResizeObserver ?? globalThis.ResizeObserver}
          label={services.tr.t(label)}
        >
          {boot.status === 'waiting' && <Loading />}
          {boot.status === 'failed' && <ErrorNotice error={boot.error} onRetry={() => setAttempt((n) => n + 1)} />}
          {boot.status === 'ready' && <ConnectGate>{children}</ConnectGate>}
        </AutoResize>
      </AppProvider>
    </ThemeProvider>
  );
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

// Boot states never call the connector; this stands in until the host is ready.
const UNAVAILABLE_CLIENT = new Proxy({} as AppServices['client'], {
  get: () => () => Promise.reject(new Error('The connector is not ready yet.')),
});
