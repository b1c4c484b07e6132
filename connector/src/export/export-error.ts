/**
 * An export folder or file that cannot be read as `frontline kpi` input. The message names the
 * file, says what is wrong with it and what to do, e.g.
 * `tickets-0002.json: not valid JSON (Unexpected end of JSON input at position 18231); re-export this page`.
 */
export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}
