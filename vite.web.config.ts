/**
 * Build of the renderer for the web host (`npm run web`): root renderer/, output out/web/, relative asset
 * paths so the page works under any loopback port.
 */
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: r('./renderer'),
  base: './',
  plugins: [vue()],
  resolve: { alias: { '@shared': r('./shared'), '@renderer': r('./renderer') } },
  logLevel: 'warn',
  build: {
    outDir: r('./out/web'), emptyOutDir: true, target: 'es2022', reportCompressedSize: false, sourcemap: false,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
