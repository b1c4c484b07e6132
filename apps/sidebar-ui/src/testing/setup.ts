import { configure } from '@testing-library/react';

// jsdom lacks matchMedia, which Garden's theming reads (prefers-color-scheme) when it loads.
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Under `turbo run` the suites share the CPU with typecheck and lint: give async queries room.
configure({ asyncUtilTimeout: 15_000 });
