/** No tenant has this name or id. */
export class TenantNotFoundError extends Error {
  override readonly name = 'TenantNotFoundError';
  constructor(readonly tenant: string) {
    super(`no tenant ${JSON.stringify(tenant)}: list tenants with \`frontline tenant list\``);
  }
}
