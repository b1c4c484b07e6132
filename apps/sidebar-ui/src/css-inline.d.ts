// Vite's `?inline` CSS import: the stylesheet's text, injected by the UI itself (the host pages load
// one script and no stylesheet).
declare module '*?inline' {
  const css: string;
  export default css;
}
