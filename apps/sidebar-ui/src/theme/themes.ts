// One Garden theme per helpdesk, so the same components look at home in each: Zendesk's own Garden
// defaults, and Freshdesk's type, colours and corners (values of Freshworks' Crayons design tokens).
import { DEFAULT_THEME, type IGardenTheme } from '@zendeskgarden/react-theming';
import type { SidebarHost } from '../host.js';

export type ColorScheme = 'light' | 'dark';

/** Freshworks' font stack (Crayons `--fw-font-family`). */
const FRESHWORKS_FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Oxygen, Ubuntu, Cantarell, 'Fira Sans', 'Droid Sans', 'Helvetica Neue', sans-serif";

/** Crayons colours the Freshdesk theme maps Garden's roles onto. */
export const CRAYONS = {
  azure: '#2c5cc5',
  azureDark: '#5c8ef0',
  elephant: '#12344d',
  smoke: '#cfd7df',
  smokeLight: '#f5f7f9',
  slate: '#475867',
  jungle: '#00795b',
  persimmon: '#c0272d',
  casablanca: '#a94d06',
} as const;

export function themeFor(vendor: SidebarHost['vendor'], scheme: ColorScheme): IGardenTheme {
  const base: IGardenTheme = { ...DEFAULT_THEME, colors: { ...DEFAULT_THEME.colors, base: scheme } };
  if (vendor === 'zendesk') return base;
  const { light, dark } = base.colors.variables;
  return {
    ...base,
    fonts: { ...base.fonts, system: FRESHWORKS_FONT },
    borderRadii: { sm: '4px', md: '4px', lg: '8px' },
    colors: {
      ...base.colors,
      primaryHue: scheme === 'dark' ? CRAYONS.azureDark : CRAYONS.azure,
      variables: {
        dark,
        light: {
          ...light,
          background: { ...light.background, subtle: CRAYONS.smokeLight },
          border: { ...light.border, default: CRAYONS.smoke, subtle: CRAYONS.smoke },
          foreground: {
            ...light.foreground,
            default: CRAYONS.elephant,
            subtle: CRAYONS.slate,
            success: CRAYONS.jungle,
            danger: CRAYONS.persimmon,
            warning: CRAYONS.casablanca,
          },
        },
      },
    },
  };
}
