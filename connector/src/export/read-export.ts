import { stat } from 'node:fs/promises';
import type { History } from '@frontline/kpi';
import { ExportError } from './export-error.js';
import type { ExportWarn } from './export-warnings.js';

/** The helpdesks whose export folders `frontline kpi --input` reads. */
export const EXPORT_VENDORS = ['zendesk', 'freshdesk'] as const;

export type ExportVendor = (typeof EXPORT_VENDORS)[number];

type ExportReader = (dir: string, warn: ExportWarn) => Promise<History>;

/**
 * Loaded when a command reads an export: the vendors' schemas and HTTP clients behind them cost
 * every other command (`--help`, `tenant list`) a few hundred milliseconds to load.
 */
const READERS: Readonly<Record<ExportVendor, () => Promise<ExportReader>>> = {
  zendesk: async () => (await import('./read-zendesk-export.js')).readZendeskExport,
  freshdesk: async () => (await import('./read-freshdesk-export.js')).readFreshdeskExport,
};

/**
 * The whole history in a folder of the vendor's own JSON pages (KPIS.md lists the files), read
 * in name order. Throws an {@link ExportError} naming the file and the problem for anything
 * missing or malformed; it never returns part of a history. What it reads but doubts (a value
 * it does not know) goes to `warn`, one line each.
 */
export async function readExport(vendor: ExportVendor, dir: string, warn: ExportWarn = () => {}): Promise<History> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new ExportError(`${dir}: no such folder; --input must be the folder that holds the ${vendor} export pages`, {
      cause: error,
    });
  }
  if (!isFolder)
    throw new ExportError(`${dir}: not a folder; --input must be the folder that holds the ${vendor} export pages`);
  const read = await READERS[vendor]();
  return read(dir, warn);
}
