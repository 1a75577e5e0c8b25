/**
 * electron-vite: three targets from one config (STYLE.md §9.5).
 * - main: electron/main/index.ts → out/main/index.js, plus the capture worker as its own entry
 *   out/main/capture-worker.js (the utilityProcess entry, and the file build/linux/synack-capture-launcher
 *   runs as Node for an elevated capture), its decode thread out/main/decode-thread.js and its byte-search thread
 *   out/main/byte-match-thread.js (worker_threads entries the capture worker finds beside itself). `cap` (native) and Electron stay external.
 * - preload: electron/preload/index.ts → out/preload/index.cjs. Sandboxed preloads cannot be ES modules,
 *   so CommonJS, with everything bundled in (only `electron` is required at run time).
 * - renderer: renderer/index.html (the Vue app) → out/renderer/, the same sources vite.web.config.ts builds
 *   for the browser host.
 * The build reads Electron's version from its package.json only; it never needs the Electron binary.
 */
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const alias = { '@shared': r('./shared'), '@electron': r('./electron'), '@renderer': r('./renderer') };
const quiet = { checks: { bundlerTimings: false } };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      target: 'node22',
      externalizeDeps: { include: ['cap'] },
      rolldownOptions: {
        ...quiet,
        input: {
          index: r('./electron/main/index.ts'),
          'capture-worker': r('./electron/capture/worker.ts'),
          'decode-thread': r('./electron/capture/decode-thread.ts'),
          'byte-match-thread': r('./electron/capture/byte-match-thread.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        ...quiet,
        input: { index: r('./electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: r('./renderer'),
    base: './',
    plugins: [vue()],
    resolve: { alias },
    build: {
      target: 'es2022',
      reportCompressedSize: false,
      rolldownOptions: { ...quiet, input: { index: r('./renderer/index.html') } },
    },
  },
});
