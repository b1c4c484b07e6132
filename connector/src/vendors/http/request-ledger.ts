/** A request the budget wants to send, and the limits it must fit under. */
export interface LedgerRequest {
  readonly endpoint: string;
  /** Credits it is expected to cost, unless the ledger knows the endpoint's cost better. */
  readonly cost: number;
  /** Credits per minute of the account, unless the ledger learned it. */
  readonly limit: number;
  /** Requests per minute of the endpoint, when it has a limit of its own, unless the ledger learned it. */
  readonly endpointLimit: number | null;
}

/** The ledger's answer to a {@link LedgerRequest}. */
export type Reservation =
  | {
      readonly granted: true;
      /** Names the request to {@link RequestLedger.settle}. */
      readonly id: string;
      /** Credits counted for it: the endpoint's last known cost, else the request's own guess. */
      readonly cost: number;
      /** Credits of the account's last minute before this request. */
      readonly used: number;
      /** Requests to the endpoint in the last minute before this one (0 when it has no limit). */
      readonly endpointUsed: number;
    }
  | {
      readonly granted: false;
      /** Clock time to ask again; `Infinity` until a request of this process is answered. */
      readonly retryAt: number;
    };

/**
 * How long a limit a 429 revealed holds: long enough not to keep running into it, short enough
 * that a 429 for another reason (a spike, a fault) does not slow the tenant down for good.
 */
export const REFUSAL_MS = 10 * 60_000;

/** Limits the tenant's answers taught; they replace every budget's starting guesses. */
export interface LearnedLimits {
  /** Credits per minute of the account (the headers' total). */
  readonly account?: number;
  /** Requests per minute of endpoints with a limit of their own, by the account's plan. */
  readonly endpoints?: Readonly<Record<string, number>>;
  /** Lower endpoint limits a 429 revealed; they hold whatever the plan says, for {@link REFUSAL_MS}. */
  readonly refused?: Readonly<Record<string, number>>;
}

/**
 * A tenant's sliding minute of requests, shared by everything that calls its helpdesk: one
 * process's clients (in memory), or every worker's (in Redis). A request counts from the moment
 * it is reserved until a minute after its answer, so latency never lets one slip through.
 */
export interface RequestLedger {
  /** Counts the request if the last minute has room for it under both limits, in one atomic step. */
  reserve(request: LedgerRequest, now: number): Promise<Reservation>;
  /** The request was answered at `now` and cost `cost`; best effort, never throws. */
  settle(id: string, cost: number, now: number): void;
  /** Holds every request of the tenant until `until` (a 429's `Retry-After`); best effort. */
  pause(until: number): void;
  /** Remembers limits an answer taught at `now`, for every later reservation of the tenant; best effort. */
  learn(limits: LearnedLimits, now: number): void;
}
