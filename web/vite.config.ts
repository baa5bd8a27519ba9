// Builds the single-page app into web/dist (served by `careloop serve`); in dev, /api goes to a local server.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The server's source, for its pure domain vocabularies (values) and reply shapes (types only).
  resolve: { alias: { '@server': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    proxy: {
      '/api': { target: process.env.CARELOOP_API_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
