/** A corpus capture analysed by the real pipeline and replayed through the real stores, for component tests. */
import { createPinia, setActivePinia } from 'pinia';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { encodeBatch } from '../../../shared/ipc/batch-layout';
import { connectStores } from '../../../renderer/stores/connect';
import { ReplayBackend } from './replay-backend';
import type { SeedApp } from './seed-app';

// As seed-capture.ts: happy-dom's URL class cannot turn file URLs into paths, so resolve by string.
export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/corpus');

export type CaptureApp = Omit<SeedApp, 'seed'>;

/** Fresh Pinia with `name` (a file in ../shared/corpus) played as a finished file. */
export async function captureApp(name: string): Promise<CaptureApp> {
  const path = resolve(CORPUS, name);
  const analysis = await analyzeFile(path);
  const pinia = createPinia();
  setActivePinia(pinia);
  const backend = new ReplayBackend({
    path, flows: analysis.flows, batches: [encodeBatch(analysis.columns)], conversations: analysis.conversations, details: new Map(),
  });
  const disconnect = connectStores(backend, (cb) => cb());
  backend.play();
  return { pinia, backend, disconnect };
}
