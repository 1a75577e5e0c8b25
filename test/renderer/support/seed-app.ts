/** Pinia + the seed replayed through the real stores, for component tests. */
import { createPinia, setActivePinia } from 'pinia';
import type { Pinia } from 'pinia';
import { connectStores } from '../../../renderer/stores/connect';
import { loadSeed } from './seed-capture';
import type { SeedCapture } from './seed-capture';
import { ReplayBackend } from './replay-backend';

export interface SeedApp { pinia: Pinia; backend: ReplayBackend; seed: SeedCapture; disconnect: () => void }

/** Fresh Pinia, seed backend connected (refs refreshed synchronously); `play` false leaves the stores empty. */
export function seedApp(play = true): SeedApp {
  const pinia = createPinia();
  setActivePinia(pinia);
  const seed = loadSeed();
  const backend = new ReplayBackend({
    path: seed.path, flows: seed.flows, batches: [seed.batch], conversations: [seed.conversation], details: seed.details,
  });
  const disconnect = connectStores(backend, (cb) => cb());
  if (play) backend.play();
  return { pinia, backend, seed, disconnect };
}

/** Lets pending promises (detail fetches) settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
