// The part of the Freshworks app client the adapter uses (loaded by the platform as
// `{{{appclient}}}`; it has no published types). Shapes from freshdesk.md section 2.

export interface FreshworksClient {
  readonly data: { get(name: string): Promise<Readonly<Record<string, unknown>>> };
  readonly events: { on(name: string, handler: (event?: unknown) => void): void };
  readonly instance: { resize(size: { height: string }): Promise<unknown> | void };
  readonly iparams: { get(): Promise<Readonly<Record<string, unknown>>> };
  readonly interface: { trigger(action: string, options: Readonly<Record<string, unknown>>): Promise<unknown> };
  readonly request: {
    invokeTemplate(
      name: string,
      options: { body?: string; context?: Record<string, unknown> },
    ): Promise<{ response: string }>;
  };
}

export interface FreshworksApp {
  initialized(): Promise<FreshworksClient>;
}
