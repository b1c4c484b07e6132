// Writes the Zendesk Marketplace logos (exact sizes: reference/zendesk.md §1.4) into
// manifests/zendesk/assets. Run once by hand (npx tsx tools/src/make-logos.ts); the PNGs are
// checked in so designed art can replace them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawLogo } from './logo.js';
import { encodePng } from './png.js';
import { REPO_ROOT } from './build/paths.js';

const assets = join(REPO_ROOT, 'manifests/zendesk/assets');
await writeFile(join(assets, 'logo.png'), encodePng(drawLogo(320, true)));
await writeFile(join(assets, 'logo-small.png'), encodePng(drawLogo(128, false)));
console.log(`wrote ${assets}/logo.png (320x320) and logo-small.png (128x128)`);
