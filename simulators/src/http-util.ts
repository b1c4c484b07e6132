/** Small helpers the vendor handlers share: responses, auth headers, times and query numbers. */
import { HttpResponse } from 'msw';

/**
 * A JSON response with extra headers; no body for 204, and a text body as it is when the headers
 * name a type other than JSON (a PEM file).
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new HttpResponse(null, { status, headers });
  const type = headers['content-type'];
  if (typeof body === 'string' && type !== undefined && !type.includes('json')) {
    return new HttpResponse(body, { status, headers });
  }
  return new HttpResponse(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** `2026-01-05T09:00:00Z` for epoch seconds, or null for 0 ("never"). */
export function isoSeconds(sec: number): string | null {
  return sec > 0 ? new Date(sec * 1000).toISOString().replace('.000Z', 'Z') : null;
}

/** Like {@link isoSeconds} for a time that always exists. */
export function isoRequired(sec: number): string {
  return new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
}

/** The user and password of a Basic `Authorization` header, or null. */
export function basicCredentials(header: string | null): { user: string; password: string } | null {
  if (header === null || !/^basic\s+/i.test(header)) return null;
  const decoded = Buffer.from(header.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Bearer `Authorization` header, or null. */
export function bearerToken(header: string | null): string | null {
  const match = header === null ? null : /^bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/** A whole number query parameter: `fallback` when absent, NaN when not a whole number. */
export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
}

/** Comma-separated `include` values. */
export function includes(url: URL): Set<string> {
  const values = new Set<string>();
  for (const raw of url.searchParams.getAll('include')) {
    for (const part of raw.split(',')) if (part.trim() !== '') values.add(part.trim());
  }
  return values;
}

/** The URL with one query parameter replaced. */
export function withParam(url: URL, name: string, value: string): string {
  const next = new URL(url.href);
  next.searchParams.set(name, value);
  return next.href;
}

/** Opaque cursor text for a record of numbers (base64url JSON, as opaque as the vendors' own). */
export function encodeCursor(fields: Record<string, number>): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** The numbers of a cursor made by {@link encodeCursor}, or null when it is not one. */
export function decodeCursor<K extends string>(text: string, keys: readonly K[]): Record<K, number> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const out = {} as Record<K, number>;
    for (const key of keys) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return null;
      out[key] = value;
    }
    return out;
  } catch {
    return null;
  }
}
