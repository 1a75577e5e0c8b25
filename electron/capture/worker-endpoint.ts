/**
 * Where an elevated worker connects back to the app, per platform. The app makes a private directory
 * (mkdtemp, 0700) that holds the one-time token file (worker-token.ts). On Linux and macOS the Unix socket
 * lies in that directory too. Windows has no Unix sockets in Node: there the app listens on a named pipe
 * named after the directory, and the elevated worker (UAC keeps the same account, so the same %TEMP%)
 * maps the pipe name back to the directory to find the token. Written for Windows, tested here only as
 * path logic (Electron and UAC cannot run here; see DEVELOPERS.md).
 */
import { basename, dirname, join } from 'node:path';
import { win32 } from 'node:path';

/** mkdtemp's name for the private directory: the prefix and six random characters. */
export const ENDPOINT_DIR_PREFIX = 'synack-worker-';
const DIR_NAME = /^synack-worker-[A-Za-z0-9]{6}$/;
const PIPE = /^\\\\[.?]\\pipe\\(synack-worker-[A-Za-z0-9]{6})$/;

/** The `--connect` endpoint for a private directory `dir`. */
export function workerEndpoint(dir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'win32') return join(dir, 'worker.sock');
  const name = win32.basename(dir);
  if (!DIR_NAME.test(name)) throw new Error(`not a worker directory: ${dir}`);
  return `\\\\.\\pipe\\${name}`;
}

/** The private directory (holding the token) of a `--connect` endpoint; throws on anything else. */
export function endpointDirectory(endpoint: string, tmp: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'win32') {
    if (basename(endpoint) !== 'worker.sock') throw new Error(`--connect must name a worker.sock, got ${endpoint}`);
    return dirname(endpoint);
  }
  const m = PIPE.exec(endpoint);
  if (!m) throw new Error(`--connect must name a \\\\.\\pipe\\synack-worker-… pipe, got ${endpoint}`);
  return win32.join(tmp, m[1]);
}
