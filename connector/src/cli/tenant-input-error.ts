/**
 * The tenant a command names cannot be used as asked: no tenant has that name, one already has
 * it, or the removal was not confirmed. The CLI exits with code 1 (wrong input).
 */
export class TenantInputError extends Error {
  override readonly name = 'TenantInputError';
}
