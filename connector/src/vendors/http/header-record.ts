/** Response headers with lower-case names, as plain strings. */
export type HeaderRecord = Readonly<Record<string, string>>;

/** Axios's headers (or any header object) as a {@link HeaderRecord}; repeated headers are joined. */
export function toHeaderRecord(headers: object): HeaderRecord {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}
