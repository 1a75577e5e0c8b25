/**
 * The app's end of an elevated worker's connection (see worker-args.ts): a Unix socket in a fresh private
 * directory (mode 0700, so only this user — and root — can reach it; a named pipe on Windows,
 * worker-endpoint.ts) and a one-time random token that the
 * worker must present first. The first connection with the right token wins; a wrong or slow preamble is
 * dropped, and the listener closes once the worker is in, so nobody else can connect later. After the
 * preamble the socket carries the same frames as stdio. The token reaches the worker as a file in the same
 * directory (./worker-token.ts says why not the environment or argv); the directory goes once the worker is
 * in or the wait is over.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_PREAMBLE } from './worker-args';
import { ENDPOINT_DIR_PREFIX, workerEndpoint } from './worker-endpoint';
import { writeTokenFile } from './worker-token';

const PREAMBLE_TIMEOUT_MS = 5000;
const MAX_PREAMBLE = TOKEN_PREAMBLE.length + 129;

export interface WorkerListener {
  /** Socket path to pass as `--connect` (the token file lies next to it). */
  path: string;
  /** The worker's socket once its token checked out: paused, positioned at its first frame. */
  connection: Promise<Socket>;
  close(): void;
}

export function listenForWorker(timeoutMs = 60_000): Promise<WorkerListener> {
  const dir = mkdtempSync(join(tmpdir(), ENDPOINT_DIR_PREFIX)); // mkdtemp creates it 0700
  const path = workerEndpoint(dir);                                // a socket in it, or a pipe named after it
  const token = randomBytes(16).toString('hex');
  writeTokenFile(dir, token);
  let resolveConn!: (s: Socket) => void, rejectConn!: (e: Error) => void;
  const connection = new Promise<Socket>((res, rej) => { resolveConn = res; rejectConn = rej; });
  connection.catch(() => undefined);
  const server = createServer((sock) => checkPreamble(sock, token, (ok) => {
    if (!ok) { sock.destroy(); return; }
    clearTimeout(timer);
    server.close();
    rmSync(dir, { recursive: true, force: true });
    resolveConn(sock);
  }));
  const timer = setTimeout(() => { close(); rejectConn(new Error('the capture worker did not connect in time')); }, timeoutMs);
  const close = (): void => {
    clearTimeout(timer);
    server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    server.once('error', (e) => { close(); reject(e); });
    server.listen(path, () => resolve({ path, connection, close }));
  });
}

/** Reads `TOKEN_PREAMBLE token \n`; calls back once with whether it matched. */
function checkPreamble(sock: Socket, token: string, done: (ok: boolean) => void): void {
  let text = '';
  let settled = false;
  const finish = (ok: boolean, rest?: Buffer): void => {
    if (settled) return;
    settled = true;
    clearTimeout(t);
    sock.pause(); // the frame reader resumes it (readFrames does)
    sock.removeListener('data', onData);
    if (ok && rest && rest.length > 0) sock.unshift(rest);
    done(ok);
  };
  const t = setTimeout(() => finish(false), PREAMBLE_TIMEOUT_MS);
  const onData = (chunk: Buffer): void => {
    const nl = chunk.indexOf(0x0a);
    text += chunk.subarray(0, nl < 0 ? chunk.length : nl).toString('latin1');
    if (text.length > MAX_PREAMBLE) { finish(false); return; }
    if (nl < 0) return;
    const given = Buffer.from(text.slice(TOKEN_PREAMBLE.length)), want = Buffer.from(token);
    const ok = text.startsWith(TOKEN_PREAMBLE) && given.length === want.length && timingSafeEqual(given, want);
    finish(ok, chunk.subarray(nl + 1));
  };
  sock.on('data', onData);
  sock.on('error', () => finish(false));
}
