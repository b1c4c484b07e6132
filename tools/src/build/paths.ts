import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where everything the two app builds read lives; tests point these at copies. */
export interface Sources {
  /** manifests/zendesk or manifests/freshdesk: manifest, settings, translations, assets. */
  manifests: string;
  /** apps/<vendor>/pages: the HTML entry pages. */
  pages: string;
  /** apps/<vendor>/dist: the UI bundle, `sidebar.js` plus whatever it loads. */
  bundle: string;
}

export function sourcesOf(vendor: 'zendesk' | 'freshdesk', root = REPO_ROOT): Sources {
  return {
    manifests: `${root}/manifests/${vendor}`,
    pages: `${root}/apps/${vendor}/pages`,
    bundle: `${root}/apps/${vendor}/dist`,
  };
}
