// The part of the Zendesk Apps framework client the adapter uses. There are no official types
// (zendesk.md 3.1), so this names only what we call; the SDK itself loads from Zendesk's CDN.

export interface ZafGetResult {
  readonly errors: Readonly<Record<string, unknown>>;
  readonly [path: string]: unknown;
}

export interface ZafClient {
  get(paths: string | readonly string[]): Promise<ZafGetResult>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (...args: unknown[]) => void): void;
  off?(event: string, handler: (...args: unknown[]) => void): void;
}

/**
 * What `app.registered` brings: the installation's settings and where the app is shown. Read from
 * the event rather than `client.metadata()` / `client.context()`, which older SDK builds lack.
 */
export interface ZafRegistration {
  readonly metadata?: { readonly settings?: Readonly<Record<string, unknown>> };
  readonly context?: { readonly location?: string };
}

export interface ZafGlobal {
  init(): ZafClient | false;
}
