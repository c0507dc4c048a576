import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app is served by the service at `/` (same origin as `/api`); `vite dev` proxies the API to a running service.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': process.env.BRIDGE_API_URL ?? 'http://127.0.0.1:3000',
      '/health': process.env.BRIDGE_API_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
