/** One server-sent event as received. */
export interface SseEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
  /** When it arrived (performance.now() of this process). */
  readonly receivedAt: number;
}

export interface SseStream {
  readonly status: number;
  readonly events: readonly SseEvent[];
  /** Resolves when the server ends the stream (or it is closed here). */
  readonly ended: Promise<void>;
  /** The first event received (or to come) that matches; rejects after `timeoutMs` (default: the stream's, else 10 s). */
  next(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** For tests: opens an EventSource-like stream with fetch and collects its events. */
export async function openSseStream(url: string, options: { readonly timeoutMs?: number } = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body ?? []) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) {
            events.push({ event, data: JSON.parse(data) as Record<string, unknown>, receivedAt: performance.now() });
          }
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // closed
    }
  })();
  return {
    status: response.status,
    events,
    ended,
    async next(match, timeoutMs = options.timeoutMs ?? 10_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found !== undefined) return found;
        if (performance.now() > deadline) {
          throw new Error(
            `no matching event within ${timeoutMs} ms; received: ${events.map((e) => e.event).join(', ')}`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
    },
    close: () => controller.abort(),
  };
}
