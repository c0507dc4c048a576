import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the simulator itself at /__sim/ (same origin as the control API it calls); `vite dev`
// (from this folder) proxies the control API to a simulator started with --control on SIM_URL.
export default defineConfig({
  root: import.meta.dirname,
  base: '/__sim/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/console'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '^/__sim/(?!assets/|src/|@|node_modules/).+': process.env.SIM_URL ?? 'http://127.0.0.1:8482',
    },
  },
});
