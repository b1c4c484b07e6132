/** A Zendesk account's agent interface: `https://<subdomain>.zendesk.com`, where it frames an app. */
const ZENDESK_ACCOUNT = /^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?\.zendesk\.com$/;
const ZENDESK_SOURCE = 'https://*.zendesk.com';

/** Whether `origin` is `pattern`, or a subdomain of it when it reads `scheme://*.host[:port]`. */
function originMatches(pattern: string, origin: string): boolean {
  const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(pattern);
  if (wildcard === null) return origin === pattern;
  const [, scheme, rest] = wildcard;
  return origin.startsWith(scheme!) && origin.slice(scheme!.length).endsWith(`.${rest!}`);
}

/** The origin of a URL, or null when it has none worth naming. */
function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Where the Zendesk app's pages may be framed from and may be posted from: the helpdesk's
 * account domains, a connected Zendesk tenant's own domain (host-mapped accounts), the connector
 * itself (the preview of `npm start` frames them from its own origin), and what the operator
 * lists in FRONTLINE_FRAME_ANCESTORS.
 */
export class AppPageOrigins {
  readonly #operator: readonly string[];
  readonly #zendeskUrls: () => Promise<readonly string[]>;

  /** `zendeskUrls`: the base URLs of the connected Zendesk tenants. */
  constructor(operatorOrigins: readonly string[], zendeskUrls: () => Promise<readonly string[]>) {
    this.#operator = operatorOrigins;
    this.#zendeskUrls = zendeskUrls;
  }

  /**
   * Whether a page of `origin` may post a sign-in token to the app's pages served at `host`
   * (the request's Host header).
   */
  async allows(origin: string, host: string): Promise<boolean> {
    const lower = origin.toLowerCase();
    if (ZENDESK_ACCOUNT.test(lower) || this.#operator.some((pattern) => originMatches(pattern, lower))) return true;
    if (originOf(lower) !== null && new URL(lower).host === host.toLowerCase()) return true;
    return (await this.#zendeskUrls()).some((url) => originOf(url) === lower);
  }

  /**
   * The CSP `frame-ancestors` of a page; `verified` adds the origin a POST came from once
   * {@link allows} accepted it (a host-mapped account), so the header need not list every tenant.
   */
  frameAncestors(verified: string | null = null): string {
    const sources = ["'self'", ZENDESK_SOURCE, ...this.#operator];
    if (verified !== null && !sources.includes(verified) && originOf(verified) === verified) sources.push(verified);
    return `frame-ancestors ${sources.join(' ')}`;
  }
}
