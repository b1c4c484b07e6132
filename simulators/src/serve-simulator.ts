/**
 * Serves msw handlers over real HTTP on loopback, so the demo and load tests reach a simulated
 * vendor the way production reaches the real one (sockets, headers, timeouts). Unit tests use
 * msw's `setupServer` instead.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';

export interface ServeOptions {
  /** Default 0: any free port. */
  readonly port?: number;
  readonly host?: '127.0.0.1';
  /**
   * Real milliseconds every answer is held before it is sent (default 0): the network and server
   * time of a real vendor, so a sync over loopback waits on its requests the way a real one does
   * instead of being bound by CPU. Requests are held side by side, not queued behind each other.
   */
  readonly latencyMs?: number;
}

/** A running simulator server. */
export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:54321`, no trailing slash. */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

async function readBody(message: IncomingMessage): Promise<Buffer | undefined> {
  if (message.method === 'GET' || message.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a server that answers every request with the first matching handler (404 JSON otherwise). */
export async function serveSimulator(
  handlers: readonly RequestHandler[],
  options: ServeOptions = {},
): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const latencyMs = options.latencyMs ?? 0;
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new RangeError(`latencyMs must be a finite number of at least 0, got ${latencyMs}`);
  }
  let base = '';
  const server = createServer((req, res) => {
    // Aborts handlers that hold a response (timeout faults) when the client goes away.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
    });
    void (async () => {
      try {
        const body = await readBody(req);
        const request = new Request(new URL(req.url ?? '/', base), {
          method: req.method ?? 'GET',
          headers: toHeaders(req),
          body,
          signal: controller.signal,
        });
        const response = await getResponse([...handlers], request);
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        if (res.destroyed) return;
        if (response === undefined) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ error: 'NotFound', description: `No simulator route for ${req.method} ${req.url}` }),
          );
          return;
        }
        const payload = Buffer.from(await response.arrayBuffer());
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        headers['content-length'] = String(payload.length);
        res.writeHead(response.status, headers);
        res.end(payload);
      } catch (error) {
        if (res.destroyed || res.headersSent) return;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: 'SimulatorError',
            description: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host}:${port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
