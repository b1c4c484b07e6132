// One self-contained ES module per app (React and Garden included): the helpdesk frame loads
// dist/sidebar.js, which npm run package copies into the app.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    lib: { entry: 'src/main.ts', formats: ['es'], fileName: () => 'sidebar.js' },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
