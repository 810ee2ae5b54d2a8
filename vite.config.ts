/** @module Vite configuration: builds the studio into dist/studio and proxies /api to the engine in dev. */
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vite';
import { precompress } from './scripts/vite-precompress.ts';

const apiTarget = process.env.BATON_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'studio',
  plugins: [solid(), precompress()],
  // The manifest lets the weight test follow each page's chunks (test/api/studio-static.test.ts).
  build: { outDir: '../dist/studio', emptyOutDir: true, manifest: true },
  server: {
    proxy: {
      '/api': apiTarget,
      '/openapi.json': apiTarget,
      '/open311': apiTarget,
    },
  },
});
