/**
 * Collects records by id where later pages win: incremental exports list a record again each
 * time it changes, so the last copy read (pages are read in name order) is the newest.
 */
export class LatestById<T extends { readonly id: string }> {
  private readonly byId = new Map<string, T>();

  /** Adds records; a record with an id already seen replaces the earlier one. */
  add(records: Iterable<T>, merge?: (earlier: T, later: T) => T): void {
    for (const record of records) {
      const earlier = merge === undefined ? undefined : this.byId.get(record.id);
      this.byId.set(record.id, earlier === undefined || merge === undefined ? record : merge(earlier, record));
    }
  }

  /** The records, in the order their ids were first seen. */
  values(): T[] {
    return [...this.byId.values()];
  }
}
