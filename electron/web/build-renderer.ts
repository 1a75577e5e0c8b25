/**
 * Builds the renderer for the web host with vite (vite.web.config.ts → out/web) when the build is missing
 * or older than any source it is made from (renderer/, shared/, the config), so `npm run web` always
 * serves the current UI and skips the build when nothing changed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_OUT_DIR = join(REPO_ROOT, 'out', 'web');
const CONFIG = join(REPO_ROOT, 'vite.web.config.ts');
const SOURCES = ['renderer', 'shared'].map((d) => join(REPO_ROOT, d));

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Whether out/web is missing or older than its sources. */
export function rendererBuildIsStale(): boolean {
  const index = join(WEB_OUT_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [CONFIG, ...SOURCES].some((p) => existsSync(p) && newestMtime(p) > built);
}

/** Builds when stale; returns whether it built. */
export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  if (!rendererBuildIsStale()) return false;
  log('building the renderer (vite) …');
  const { build } = await import('vite');
  await build({ configFile: CONFIG, logLevel: 'warn' });
  return true;
}
