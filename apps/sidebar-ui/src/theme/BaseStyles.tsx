// The `?inline` declaration must reach every program that compiles this file (the host apps too).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../css-inline.d.ts" />
// Garden's base styles (css-bedrock: system type, 14 px / 20 px, no stray margins) and the page's
// own colours and font from the theme, so nothing falls back to the browser's serif. The host
// pages load one script and no stylesheet, so the UI brings its own.
import bedrock from '@zendeskgarden/css-bedrock/dist/index.css?inline';
import { getColor } from '@zendeskgarden/react-theming';
import { createGlobalStyle } from 'styled-components';

export const BaseStyles = createGlobalStyle`
  ${bedrock}

  html {
    /* The frame is sized to the content: bedrock's permanent scrollbar would only take width. */
    overflow-y: auto;
    background-color: ${(p) => getColor({ theme: p.theme, variable: 'background.default' })};
    color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.default' })};
    font-family: ${(p) => p.theme.fonts.system};
    font-size: ${(p) => p.theme.fontSizes.md};
    line-height: ${(p) => p.theme.lineHeights.md};
    color-scheme: ${(p) => p.theme.colors.base};
  }
`;
