import type { Rgba } from './png.js';

const BRAND = [0x1f, 0x73, 0xb7, 0xff] as const;
const WHITE = [0xff, 0xff, 0xff, 0xff] as const;

/**
 * The Frontline mark: three rising bars. Flat art drawn in code so the Marketplace sizes are
 * exact; replace the PNGs with designed art at the same sizes whenever there is some.
 * `filled`: a brand-colour square with white bars (logo.png, no rounded corners); otherwise
 * brand-colour bars on transparency (logo-small.png).
 */
export function drawLogo(size: number, filled: boolean): Rgba {
  const pixels = new Uint8Array(size * size * 4);
  const paint = (x0: number, y0: number, x1: number, y1: number, colour: readonly number[]): void => {
    for (let y = Math.round(y0); y < Math.round(y1); y++) {
      for (let x = Math.round(x0); x < Math.round(x1); x++) pixels.set(colour, (y * size + x) * 4);
    }
  };
  if (filled) paint(0, 0, size, size, BRAND);
  const unit = size / 16;
  const bars = [
    [3, 9],
    [7, 6],
    [11, 3],
  ] as const;
  for (const [x, top] of bars) paint(x * unit, top * unit, (x + 2.5) * unit, 13 * unit, filled ? WHITE : BRAND);
  return { width: size, height: size, pixels };
}
