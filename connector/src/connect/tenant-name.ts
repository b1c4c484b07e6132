/** Tenant names the CLI takes: lowercase letters, digits and dashes. */
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The name a connected account gets, from its host: `acme.zendesk.com` is `acme`, another host
 * (a host-mapped account, a local simulator) its whole host in dashes. `taken` names already used
 * by another account get a number: `acme-2`.
 */
export function tenantNameFor(host: string, taken: ReadonlySet<string>): string {
  const lower = host.toLowerCase();
  const vendorDomain = /^([a-z0-9-]+)\.(zendesk\.com|freshdesk\.com)$/.exec(lower);
  const base =
    (vendorDomain?.[1] ?? lower)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'account';
  const name = NAME.test(base) ? base : `account-${base}`.slice(0, 56);
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
}
