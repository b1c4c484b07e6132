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

/** Network error codes, in the words an operator fixing a URL needs. */
const NO_ANSWER: Readonly<Record<string, string>> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'its host name could not be looked up (DNS EAI_AGAIN)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'no route to the network',
  EPROTO: 'the TLS handshake failed (is it http rather than https?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the TLS handshake failed (is it http rather than https?)',
};

/**
 * Why a request got no answer, for an operator checking a URL: `connection refused`, `no such
 * host`, `no answer within 10 s`, `its TLS certificate is not valid (CERT_HAS_EXPIRED)`. Read from
 * the error's code only, like {@link describeNetworkError}.
 */
export function describeNoAnswer(error: unknown, timeoutMs: number): string {
  const code = isAxiosError(error) ? error.code : undefined;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `no answer within ${formatSeconds(timeoutMs)}`;
  if (code === undefined) return 'network error';
  const known = NO_ANSWER[code];
  if (known !== undefined) return known;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `its TLS certificate is not valid (${code})`;
  return `network error ${code}`;
}

const formatSeconds = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

/** `: <the vendor's own words>` from an error body (`description`, `error`, `message`), or nothing. */
export function describeErrorBody(parsed: { ok: true; value: unknown } | { ok: false }): string {
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return '';
  const body = parsed.value as Record<string, unknown>;
  const text = [body.description, body.error, body.message].find((v): v is string => typeof v === 'string' && v !== '');
  if (text === undefined) return '';
  return `: ${text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS - 3)}...` : text}`;
}
