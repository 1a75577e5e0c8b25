import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@electron': fileURLToPath(new URL('./electron', import.meta.url)),
  '@renderer': fileURLToPath(new URL('./renderer', import.meta.url)),
};

// Two projects: pure/Node code runs in node; Vue components and stores in happy-dom.
export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Live-capture and E2E tests share the loopback interface and the two cores: no file parallelism surprises.
    fileParallelism: true,
    maxWorkers: 2,
    // .ci/run asks for a JSON report to print "N passed, M failed".
    reporters: process.env.SYNACK_VITEST_JSON
      ? ['default', ['json', { outputFile: process.env.SYNACK_VITEST_JSON }]]
      : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          // An inline project does not inherit the root's timeouts: without these its tests had vitest's 5 s, which the
          // ones that run tshark several times passed alone and missed when the two cores were busy.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
