import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { drawLogo } from './logo.js';
import { encodePng, readPngSize } from './png.js';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('1234'), Buffer.from('56789'))).toBe(0xcbf43926);
  });
});

describe('encodePng', () => {
  it('writes an RGBA PNG whose IHDR, chunk CRCs and pixels read back', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i * 7);
    const png = encodePng({ width: 3, height: 2, pixels });
    expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
    let at = 8;
    const chunks: string[] = [];
    let idat = Buffer.alloc(0);
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8), data));
      if (type === 'IDAT') idat = Buffer.concat([idat, data]);
      chunks.push(type);
      at += 12 + length;
    }
    expect(chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    const raw = inflateSync(idat);
    expect([...raw.subarray(1, 13)]).toEqual([...pixels.subarray(0, 12)]);
    expect([...raw.subarray(14, 26)]).toEqual([...pixels.subarray(12, 24)]);
  });

  it('refuses pixels that do not fit the size', () => {
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow(/expected 16/);
  });

  it('readPngSize says null for bytes that are not a PNG', () => {
    expect(readPngSize(Buffer.from('<svg width="64" height="64"/>'))).toBeNull();
  });

  it('draws the logos at the sizes asked', () => {
    expect(readPngSize(encodePng(drawLogo(320, true)))).toEqual({ width: 320, height: 320 });
    const small = drawLogo(128, false);
    expect(small.pixels[3]).toBe(0); // transparent corner
  });
});
