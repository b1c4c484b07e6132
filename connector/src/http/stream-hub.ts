import type { Role } from '../auth/index.js';

/**
 * One server-sent event. `reauth` and `replaced` come last, just before the server ends the
 * stream: `reauth` asks the client to renew its token and reconnect, `replaced` says a newer
 * stream of the same sign-in took this one's place (see STREAMS_PER_SESSION).
 */
export interface StreamEvent {
  readonly event: 'dashboard' | 'alert' | 'note' | 'reauth' | 'replaced';
  readonly data: unknown;
}

/**
 * How many streams one sign-in may hold open in this process. A sidebar needs one; a few more
 * cover a reconnect the server has not seen the old side of yet. A new stream over the limit
 * ends the oldest rather than being refused: the newest is the one someone is looking at (a
 * sidebar reopened, a dropped connection the server still counts), while a refusal would leave
 * the user without live numbers until the stale streams time out.
 */
export const STREAMS_PER_SESSION = 5;

export interface StreamClient {
  readonly tenantId: string;
  readonly userId: string;
  /** The role of the token the stream was opened with. */
  readonly role: Role;
  readonly lead: boolean;
  /** The sign-in the token belongs to (Session.sessionId): refreshes keep it. */
  readonly sessionId: string;
  /** When the token expires, epoch milliseconds. */
  readonly expiresAt: number;
  send(event: StreamEvent): void;
  /** Ends the stream, after `notice` when given; ending twice does nothing. */
  end(notice?: StreamEvent): void;
}

/** The open sidebars of this process, by tenant, so an update reaches the ones it concerns. */
export class StreamHub {
  readonly #clients = new Map<string, Set<StreamClient>>();
  readonly #perSession: number;

  constructor(perSession = STREAMS_PER_SESSION) {
    this.#perSession = perSession;
  }

  /** Adds `client`, ending the oldest streams of its sign-in past the limit; returns its removal. */
  add(client: StreamClient): () => void {
    let set = this.#clients.get(client.tenantId);
    if (set === undefined) this.#clients.set(client.tenantId, (set = new Set()));
    // A set iterates in insertion order: the first of a sign-in is its oldest.
    const same = [...set].filter((c) => c.sessionId === client.sessionId);
    for (const oldest of same.slice(0, Math.max(0, same.length - this.#perSession + 1))) {
      set.delete(oldest);
      oldest.end({
        event: 'replaced',
        data: {
          message:
            `this sign-in opened more than ${this.#perSession} streams, and this one was the oldest: ` +
            'a newer stream took its place (a sidebar needs only one)',
        },
      });
    }
    set.add(client);
    return () => {
      set.delete(client);
      if (set.size === 0 && this.#clients.get(client.tenantId) === set) this.#clients.delete(client.tenantId);
    };
  }

  clientsOf(tenantId: string): Iterable<StreamClient> {
    return this.#clients.get(tenantId) ?? [];
  }

  /** The tenants with an open stream. */
  tenantIds(): string[] {
    return [...this.#clients.keys()];
  }

  /** Sends to the user's own streams and, with `leads`, to every lead's and admin's. */
  notify(tenantId: string, userId: string, event: StreamEvent, leads: boolean): void {
    for (const client of this.clientsOf(tenantId)) {
      if (client.userId === userId || (leads && client.lead)) client.send(event);
    }
  }

  /** Ends every stream, so a draining server is not held open by idle sidebars. */
  endAll(): void {
    const all = [...this.#clients.values()].flatMap((set) => [...set]);
    this.#clients.clear();
    for (const client of all) client.end();
  }

  get size(): number {
    let n = 0;
    for (const set of this.#clients.values()) n += set.size;
    return n;
  }
}
