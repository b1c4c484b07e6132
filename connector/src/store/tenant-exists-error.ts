/** A tenant with this name is already connected; names are unique. */
export class TenantExistsError extends Error {
  override readonly name = 'TenantExistsError';
  constructor(readonly tenant: string) {
    super(`a tenant named ${JSON.stringify(tenant)} already exists: pick another name or update its credentials`);
  }
}
