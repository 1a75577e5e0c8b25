/**
 * Where `file.export` may write, decided by who started the worker — never by the request alone, because in
 * the app the request comes from the renderer, which is untrusted input (Electron security checklist #17):
 * a compromised page must not be able to write ~/.bashrc through the worker.
 *
 * - The app (utilityProcess): only paths main granted right after its native save dialog, each once
 *   (`GrantedPaths`, fed from process.parentPort by worker.ts, a channel the page cannot reach).
 * - The web host: only plain file names, written inside the export directory the server was started with
 *   (`exportDirectory`). The browser never names a directory, so a page can at worst fill that one folder.
 *   That is simpler and safer than a download: no second HTTP route, nothing to clean up behind the page.
 * - A stdio consumer (CLI, tests) started the worker itself with the same rights: any absolute path.
 * - The elevated worker (--connect) has no channel main could grant through: it refuses (a GrantedPaths
 *   nobody feeds). In the app main never lets the request reach it: electron/main/export-route.ts hands the
 *   export to the file worker (./export-jobs.ts), whose grants apply.
 */
import { isAbsolute, join, resolve } from 'node:path';

/** The message main posts on the utility worker's parentPort after its save dialog: `{ type, path }`. */
export const EXPORT_GRANT_TYPE = 'synack.exportGrant';

export type GateAnswer = { path: string } | { refused: string };

export interface ExportGate {
  /** The file to write for a requested path, or why not. */
  resolve(requested: string): Promise<GateAnswer>;
}

/** How long a request waits for its grant: grant and request travel on different channels. */
const GRANT_WAIT_MS = 2000;
const FILE_NAME = /^[^/\\\0]{1,255}$/;

export const anyAbsolutePath: ExportGate = {
  resolve: async (requested) => (isAbsolute(requested)
    ? { path: resolve(requested) } : { refused: `cannot write ${requested}: an absolute path is needed` }),
};

export function exportDirectory(dir: string): ExportGate {
  return {
    resolve: async (name) => (FILE_NAME.test(name) && !name.startsWith('.')
      ? { path: join(dir, name) }
      : { refused: `cannot write ${name}: the web host writes only plain file names into its export folder ${dir}` }),
  };
}

export class GrantedPaths implements ExportGate {
  private readonly granted = new Set<string>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly refusal = 'only a file chosen in the Save dialog can be written') {}

  /** Main chose `path` in its save dialog: one export to it is allowed. */
  grant(path: string): void {
    this.granted.add(path);
    for (const wake of this.waiters) wake();
  }

  async resolve(requested: string): Promise<GateAnswer> {
    const deadline = Date.now() + GRANT_WAIT_MS;
    while (!this.granted.has(requested) && Date.now() < deadline) {
      await new Promise<void>((wake) => {
        const done = (): void => { this.waiters.delete(done); clearTimeout(timer); wake(); };
        const timer = setTimeout(done, deadline - Date.now());
        this.waiters.add(done);
      });
    }
    if (!this.granted.delete(requested)) return { refused: `cannot write ${requested}: ${this.refusal}` };
    return { path: requested };
  }
}
