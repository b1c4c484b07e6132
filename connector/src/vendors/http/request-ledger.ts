/** One request a tenant's budget let through. */
export interface LedgerEntry {
  readonly endpoint: string;
  readonly cost: number;
  /** Clock time it was let through. */
  readonly at: number;
}

/**
 * Where a tenant's requests of the last minute are remembered beyond one process, so a worker
 * that starts (or restarts after a crash) knows what its predecessor already spent of the
 * vendor's minute. Not in the contract: how entries expire (anything older than a minute may go).
 */
export interface RequestLedger {
  /** Entries let through since `since`. */
  recent(since: number): Promise<LedgerEntry[]>;
  /** Remembers one entry; best effort, never throws. */
  record(entry: LedgerEntry): void;
}
