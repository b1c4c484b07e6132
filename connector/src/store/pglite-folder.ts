/** The folder of the embedded database inside the data folder (no imports: cheap to load first). */
export const PGLITE_FOLDER = 'pglite';
