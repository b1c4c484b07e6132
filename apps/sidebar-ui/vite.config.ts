// The build is a check that the UI bundles for the browser (the host apps import the source and
// build their own bundles); `npm run size` reports its gzipped size.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'sidebar-ui' },
    // React is bundled too: the figure is what a helpdesk frame downloads.
    rollupOptions: { external: [] },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
