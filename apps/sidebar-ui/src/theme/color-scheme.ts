// Light or dark: what the helpdesk says (Zendesk tells its apps), else the browser's preference.
import { useEffect, useState } from 'react';
import type { HostContext, SidebarHost } from '../host.js';
import type { ColorScheme } from './themes.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function browserScheme(): ColorScheme {
  return typeof globalThis.matchMedia === 'function' && globalThis.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The scheme to render in, following the helpdesk's changes (or the browser's, when the helpdesk says nothing). */
export function useColorScheme(host: SidebarHost, context: HostContext | null): ColorScheme {
  const told = context?.colorScheme;
  const [scheme, setScheme] = useState<ColorScheme>(told ?? browserScheme());
  useEffect(() => {
    if (told !== undefined) {
      setScheme(told);
      return host.onColorSchemeChanged?.(setScheme);
    }
    if (typeof globalThis.matchMedia !== 'function') return;
    const query = globalThis.matchMedia(DARK_QUERY);
    const follow = () => setScheme(query.matches ? 'dark' : 'light');
    query.addEventListener?.('change', follow);
    return () => query.removeEventListener?.('change', follow);
  }, [host, told]);
  return scheme;
}
