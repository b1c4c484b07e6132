const LINK = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;

/** The URL of the `rel="next"` entry of an RFC 8288 `Link` header, or `null` when there is none. */
export function nextLink(header: string | undefined): string | null {
  if (header === undefined) return null;
  for (const match of header.matchAll(LINK)) {
    const [, url, params] = match;
    if (url === undefined || params === undefined) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(params)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (rels.includes('next')) return url;
  }
  return null;
}
