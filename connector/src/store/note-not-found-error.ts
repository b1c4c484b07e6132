/** No note of this id in this tenant (or the id is not a note id at all). */
export class NoteNotFoundError extends Error {
  override readonly name = 'NoteNotFoundError';
  constructor(readonly noteId: string) {
    super(`no coaching note ${JSON.stringify(noteId)} in this tenant: list the notes to find its id`);
  }
}
