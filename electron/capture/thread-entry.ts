/**
 * Starts one of the worker's own threads (worker_threads) by the name of its entry module: next to this code when
 * bundled (out/main/NAME.js beside capture-worker.js, or one level up from a shared chunk); from sources (tests, the CLI
 * and the web host run through tsx) the .ts entry, loaded by an eval'd stub that registers tsx in the new thread first —
 * Node 20 does not pass a parent's module hooks on to workers.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The thread running `name` (decode-thread, byte-match-thread: modules in electron/capture), given `workerData`. */
export function startThread(name: string, workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(bundledEntry(here, name), { workerData });
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, here).href;
  const stub = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(stub, { eval: true, workerData });
}

/** NAME.js (same extension as this bundle) beside the bundle that holds this code, or one level up when that is a shared chunk. */
function bundledEntry(here: string, name: string): URL {
  const file = `${name}${here.slice(here.lastIndexOf('.'))}`;
  const near = new URL(`./${file}`, here);
  return existsSync(fileURLToPath(near)) ? near : new URL(`../${file}`, here);
}
