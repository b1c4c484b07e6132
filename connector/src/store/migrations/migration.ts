/** One step of the schema: applied once, in order of `version`, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements without parameters; run as one script. */
  readonly sql: string;
}
