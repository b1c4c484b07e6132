import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip } from './zip.js';
import { readZip } from './zip-reader.js';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

const ENTRIES = [
  { path: 'manifest.json', data: Buffer.from(JSON.stringify({ a: 'x'.repeat(500) })) },
  { path: 'assets/tiny.bin', data: Buffer.from([1]) }, // deflate would grow it: stored
  { path: 'translations/de.json', data: Buffer.from('{"name":"Größe"}') },
  { path: 'empty.txt', data: Buffer.alloc(0) },
];

describe('writeZip', () => {
  it('round-trips through our reader, CRCs checked', () => {
    const files = readZip(writeZip(ENTRIES));
    expect([...files.keys()]).toEqual(ENTRIES.map((e) => e.path));
    for (const e of ENTRIES) expect(files.get(e.path)!.equals(e.data)).toBe(true);
  });

  it('gives the same bytes for the same entries', () => {
    expect(writeZip(ENTRIES).equals(writeZip(ENTRIES))).toBe(true);
  });

  it('refuses paths that would escape the folder', () => {
    expect(() => writeZip([{ path: '../x', data: Buffer.alloc(0) }])).toThrow(/no "\.\."/);
    expect(() => writeZip([{ path: '/etc/x', data: Buffer.alloc(0) }])).toThrow(/relative path/);
  });

  it.skipIf(!hasUnzip)('passes `unzip -t` and unzip extracts the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-zip-'));
    try {
      const zip = join(dir, 'a.zip');
      await writeFile(zip, writeZip(ENTRIES));
      const test = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
      expect(test.stdout).toContain('No errors detected');
      const out = spawnSync('unzip', ['-p', zip, 'translations/de.json']);
      expect(out.stdout.toString('utf8')).toBe('{"name":"Größe"}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
