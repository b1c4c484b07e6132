// The live stream (GET /v1/stream, server-sent events), reopened with a fresh token whenever it drops.
import type { AlertItem, CoachingNote, DashboardResponse } from '@frontline/connector/api';

/** The part of the browser's EventSource the stream uses, so tests can pass a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = new (url: string) => EventSourceLike;

export interface StreamHandlers {
  dashboard?(dashboard: DashboardResponse): void;
  alert?(alert: AlertItem): void;
  note?(note: CoachingNote): void;
  /** The stream is up (again). `reconnected` is true after a drop: events may have been missed. */
  open?(reconnected: boolean): void;
  /** The stream dropped; it is being reopened (unless a newer stream of this sign-in replaced it). */
  drop?(): void;
}

export interface LiveStream {
  close(): void;
}

export interface LiveStreamOptions {
  /** The stream URL, without the token. */
  readonly url: string;
  /** The session token; `renew` asks for a new one (the old one may have expired, which is why streams drop). */
  readonly token: (renew: boolean) => Promise<string>;
  readonly handlers: StreamHandlers;
  readonly EventSource?: EventSourceFactory;
  /** Waits before the n-th reopening (from 1); defaults to 1 s doubling up to 30 s. */
  readonly backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const Source = options.EventSource ?? (globalThis.EventSource as EventSourceFactory | undefined);
  const backoff = options.backoffMs ?? defaultBackoff;
  const { handlers } = options;
  let source: EventSourceLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let attempt = 0;
  let everOpened = false;

  const json =
    <T>(listener: ((value: T) => void) | undefined) =>
    (event: MessageEvent<string>) => {
      if (listener === undefined) return;
      try {
        listener(JSON.parse(event.data) as T);
      } catch {
        // A malformed event is dropped; the next dashboard event carries the full state anyway.
      }
    };

  const connect = async (renew: boolean): Promise<void> => {
    if (Source === undefined) return;
    let token: string;
    try {
      token = await options.token(renew);
    } catch {
      retry();
      return;
    }
    if (closed) return;
    const es = new Source(`${options.url}?access_token=${encodeURIComponent(token)}`);
    source = es;
    es.addEventListener('open', () => {
      handlers.open?.(everOpened);
      everOpened = true;
      attempt = 0;
    });
    es.addEventListener('dashboard', json(handlers.dashboard));
    es.addEventListener('alert', json(handlers.alert));
    es.addEventListener('note', json(handlers.note));
    // The connector ends a stream whose token expired or whose user's role changed, saying so
    // first: reopen at once with a renewed token (which carries the role as it is now).
    es.addEventListener('reauth', () => {
      if (source !== es || closed) return;
      es.close();
      source = null;
      void connect(true);
    });
    // A newer stream of this sign-in took this one's place: reopening would end that one in turn.
    es.addEventListener('replaced', () => {
      if (source !== es || closed) return;
      es.close();
      source = null;
      handlers.drop?.();
    });
    // EventSource retries by itself with the same URL, so with an expired token it would never
    // recover: close it and reopen with a fresh token instead.
    es.addEventListener('error', () => {
      if (source !== es || closed) return;
      es.close();
      source = null;
      handlers.drop?.();
      retry();
    });
  };

  const retry = (): void => {
    if (closed) return;
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      void connect(true);
    }, backoff(attempt));
  };

  void connect(false);
  return {
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      source?.close();
      source = null;
    },
  };
}
