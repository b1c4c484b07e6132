/** One server-sent event. */
export interface StreamEvent {
  readonly event: 'dashboard' | 'alert' | 'note';
  readonly data: unknown;
}

export interface StreamClient {
  readonly tenantId: string;
  readonly userId: string;
  readonly lead: boolean;
  send(event: StreamEvent): void;
  /** Ends the stream (the server is shutting down; EventSource reconnects elsewhere). */
  end(): void;
}

/** The open sidebars of this process, by tenant, so an update reaches the ones it concerns. */
export class StreamHub {
  readonly #clients = new Map<string, Set<StreamClient>>();

  add(client: StreamClient): () => void {
    let set = this.#clients.get(client.tenantId);
    if (set === undefined) this.#clients.set(client.tenantId, (set = new Set()));
    set.add(client);
    return () => {
      set.delete(client);
      if (set.size === 0) this.#clients.delete(client.tenantId);
    };
  }

  clientsOf(tenantId: string): Iterable<StreamClient> {
    return this.#clients.get(tenantId) ?? [];
  }

  /** Sends to the user's own streams and, with `leads`, to every lead's and admin's. */
  notify(tenantId: string, userId: string, event: StreamEvent, leads: boolean): void {
    for (const client of this.clientsOf(tenantId)) {
      if (client.userId === userId || (leads && client.lead)) client.send(event);
    }
  }

  /** Ends every stream, so a draining server is not held open by idle sidebars. */
  endAll(): void {
    for (const set of this.#clients.values()) for (const client of set) client.end();
    this.#clients.clear();
  }

  get size(): number {
    let n = 0;
    for (const set of this.#clients.values()) n += set.size;
    return n;
  }
}
