/** The fields of a response body object, or none. */
export function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** `meta.has_more` and `meta.after_cursor` of Zendesk's cursor pagination. */
export function cursorMeta(body: unknown): { hasMore: boolean; after: string | null } {
  const meta = fieldsOf(fieldsOf(body).meta);
  return {
    hasMore: meta.has_more === true,
    after: typeof meta.after_cursor === 'string' && meta.after_cursor !== '' ? meta.after_cursor : null,
  };
}
