/**
 * Finding and reading the JSON files of an export folder, with errors that name the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PayloadError } from '../vendors/payload-error.js';
import { ExportError } from './export-error.js';

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * The names of the `<prefix>*.json` files directly in `folder`, in name order. `label` is how
 * messages call the folder (the --input path, or `conversations/`); `expected` says what the
 * folder must hold.
 */
export async function listJsonFiles(
  folder: string,
  prefix: string,
  label: string,
  expected: string,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = errorCode(error);
    const problem =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'not a folder'
          : `cannot be read (${code ?? String(error)})`;
    throw new ExportError(`${label}: ${problem}; --input must be a folder of ${expected}`, { cause: error });
  }
  // Code-unit order, not locale order, so every machine reads pages in the same sequence.
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Like {@link listJsonFiles}, but at least one file must be there. */
export async function requireJsonFiles(
  folder: string,
  prefix: string,
  label: string,
  expected: string,
): Promise<string[]> {
  const names = await listJsonFiles(folder, prefix, label, expected);
  if (names.length === 0) {
    throw new ExportError(`no ${prefix}*.json in ${label}: --input must be a folder of ${expected}`);
  }
  return names;
}

/** Where a parse error happened, when V8 said so; otherwise the end of the text (a truncated file). */
function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return /position \d+/.test(message) ? message : `${message} at position ${text.length}`;
}

async function readText(folder: string, name: string): Promise<string> {
  try {
    return await readFile(join(folder, name), 'utf8');
  } catch (error) {
    const code = errorCode(error);
    const problem =
      code === 'ENOENT'
        ? 'missing'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? String(error)})`;
    throw new ExportError(`${name}: ${problem}`, { cause: error });
  }
}

function parseJson(name: string, text: string): unknown {
  // Editors on Windows like to add a byte-order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ExportError(`${name}: empty file; re-export this page`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ExportError(`${name}: not valid JSON (${jsonProblem(error, text)}); re-export this page`, {
      cause: error,
    });
  }
}

/** The parsed JSON of one file; `name` is the file's path relative to the export folder. */
export async function readJsonFile(folder: string, name: string): Promise<unknown> {
  return parseJson(name, await readText(folder, name));
}

function normalizeJson<T>(name: string, json: unknown, normalize: (json: unknown) => T): T {
  try {
    return normalize(json);
  } catch (error) {
    if (error instanceof PayloadError) throw new ExportError(`${name}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Reads one file and hands its JSON to a vendor normalizer; a payload that does not fit becomes
 * an {@link ExportError} that names the file and the field.
 */
export async function normalizeJsonFile<T>(folder: string, name: string, normalize: (json: unknown) => T): Promise<T> {
  return normalizeJson(name, await readJsonFile(folder, name), normalize);
}

/**
 * {@link normalizeJsonFile} over several files in order, yielding each file's result. The next
 * file is read from disk while the current one is parsed, which hides most of the I/O time.
 */
export async function* normalizeJsonFiles<T>(
  folder: string,
  names: readonly string[],
  normalize: (json: unknown) => T,
): AsyncGenerator<T> {
  let next = names[0] === undefined ? undefined : readText(folder, names[0]);
  for (let i = 0; i < names.length && next !== undefined; i++) {
    const name = names[i] ?? '';
    const text = await next;
    const following = names[i + 1];
    next = following === undefined ? undefined : readText(folder, following);
    // A failure ahead must not surface as an unhandled rejection while this file throws.
    next?.catch(() => undefined);
    yield normalizeJson(name, parseJson(name, text), normalize);
  }
}
