/** The host of a URL (`acme.zendesk.com`, `127.0.0.1:4100`) in lowercase, or null for text that is no URL. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    // Not a URL (a token's claim, a stored value): it names no host.
    return null;
  }
}
