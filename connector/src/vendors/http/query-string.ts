/** `?a=1&b=2` from name/value pairs in order (repeated names allowed); empty for none. */
export function queryString(params: readonly (readonly [string, string])[]): string {
  if (params.length === 0) return '';
  const search = new URLSearchParams();
  for (const [name, value] of params) search.append(name, value);
  return `?${search.toString()}`;
}
