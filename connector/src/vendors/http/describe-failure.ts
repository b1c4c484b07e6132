import { isAxiosError } from 'axios';

const MAX_DETAIL_CHARS = 200;

/**
 * A failed request in a few words (`timeout after 30000 ms`, `network error ECONNRESET`), read
 * from the error's code only: an axios error also holds the request config, headers included.
 */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return `timeout after ${timeoutMs} ms`;
    return `network error ${error.code ?? 'without a code'}`;
  }
  return 'network error';
}

/** `: <the vendor's own words>` from an error body (`description`, `error`, `message`), or nothing. */
export function describeErrorBody(parsed: { ok: true; value: unknown } | { ok: false }): string {
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return '';
  const body = parsed.value as Record<string, unknown>;
  const text = [body.description, body.error, body.message].find((v): v is string => typeof v === 'string' && v !== '');
  if (text === undefined) return '';
  return `: ${text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS - 3)}...` : text}`;
}
