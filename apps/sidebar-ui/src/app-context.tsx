// What every component needs from above: the host, the connector client and the translator.
import { createContext, useContext, type ReactNode } from 'react';
import type { ConnectorClient } from './connector-client.js';
import type { SidebarHost } from './host.js';
import type { Translator } from './i18n/translate.js';

export interface AppServices {
  readonly host: SidebarHost;
  readonly client: ConnectorClient;
  readonly tr: Translator;
}

const AppContext = createContext<AppServices | null>(null);

export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppContext.Provider value={services}>{children}</AppContext.Provider>;
}

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (services === null) throw new Error('useApp() needs an <AppProvider> above it (mountSidebar sets one up).');
  return services;
}
