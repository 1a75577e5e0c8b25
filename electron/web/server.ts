/**
 * `npm run web [FILE]`: serves the renderer to a browser on 127.0.0.1 and bridges its WebSocket to a
 * capture worker (one worker per connected page), for end-to-end tests in Chromium and for headless
 * machines over an SSH tunnel. Loopback only, a random token in the URL, Host and Origin checked
 * (request-guard.ts). The file to open travels in the page URL (`&file=`), and the page opens it through
 * the same `file.open` request the app uses. One worker is always started ahead of the next page (a warm
 * spare, electron/capture/warm-spare.ts), so that request is answered at once instead of after the worker's
 * ~300 ms boot; closing the server kills every worker it started and waits for them to exit.
 *
 * Save As / Export write into one export folder (`--export-dir`, by default a new private folder in the temp
 * dir, printed at start): the page sends only a file name and its worker runs with `--export-dir`, so a page
 * can never choose where on disk a file lands (electron/capture/export-gate.ts). That is simpler and safer
 * than offering downloads, which would need a second HTTP route serving files and cleanup behind it.
 *
 *   synack-web [FILE] [--port N] [--no-open] [--export-dir DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { ensureRendererBuilt, REPO_ROOT, WEB_OUT_DIR } from './build-renderer';
import { checkHttp, checkUpgrade, COOKIE_NAME } from './request-guard';
import { sendText, serveStatic } from './static-files';
import { exitText } from '../capture/worker-process';
import { WarmSpare } from '../capture/warm-spare';
import { bridgeToWorker, MAX_BROWSER_MESSAGE, type PageWorker, spawnPageWorker } from './worker-bridge';
import { WorkerSet } from './worker-set';

export const IPC_PATH = '/ipc';

export interface WebServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Directory with the built renderer (default out/web). */
  staticDir?: string;
  /** File the page opens first (absolute path), or null. */
  file?: string | null;
  /** Folder Save As / Export write into (page-chosen file names only); a new private temp folder by default. */
  exportDir?: string;
  /** Token; random by default. */
  token?: string;
  /** Called with each worker process handed to a page (tests use it to kill one). */
  onWorker?: (child: ChildProcess) => void;
  /** Where the spare worker's troubles are told (stderr by default). */
  log?: (line: string) => void;
}

export interface WebServer {
  server: Server;
  port: number;
  token: string;
  /** The URL to open: page, token and file. */
  url: string;
  /** Where exports are written. */
  exportDir: string;
  /** The worker waiting for the next page, if any. */
  spareWorker(): ChildProcess | null;
  /** Stops serving, kills every worker started (the spare too) and resolves once they have exited. */
  close(): Promise<void>;
}

/** The seed capture: ../shared/seed beside the repo, else the copy bundled in resources/. */
export function defaultCapture(): string {
  const beside = resolve(REPO_ROOT, '..', 'shared', 'seed', 'seed-lo0.pcap');
  return existsSync(beside) ? beside : join(REPO_ROOT, 'resources', 'seed-lo0.pcap');
}

/** Page workers started one ahead; each gets the export folder, so pages can only name files inside it. */
function pageWorkerSpare(workers: WorkerSet, exportDir: string, log: (line: string) => void): WarmSpare<PageWorker> {
  return new WarmSpare<PageWorker>({
    start: () => workers.add(spawnPageWorker(['--export-dir', exportDir])),
    watchExit: (w, onExit) => {
      let told = false;
      const tell = (how: string): void => { if (!told) { told = true; onExit(how); } };
      w.child.once('exit', (code, signal) => tell(exitText(code, signal)));
      w.child.once('error', (e) => { if (w.child.pid === undefined) tell(`could not start: ${e.message}`); });
    },
    kill: (w) => w.child.kill('SIGTERM'),
    log,
  });
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const root = options.staticDir ?? WEB_OUT_DIR;
  const exportDir = options.exportDir ?? mkdtempSync(join(tmpdir(), 'synack-exports-'));
  const workers = new WorkerSet();
  const spare = pageWorkerSpare(workers, exportDir, options.log ?? ((line) => process.stderr.write(`synack-web: ${line}\n`)));
  spare.start();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkHttp(url, req.headers, token);
    if (!verdict.ok) { sendText(res, verdict.status, verdict.reason); return; }
    const cookie: Record<string, string> = verdict.viaQuery ? { 'Set-Cookie': `${COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
    void serveStatic(root, req, res, url.pathname, cookie);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BROWSER_MESSAGE });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = url.pathname === IPC_PATH ? checkUpgrade(url, req.headers, token) : { ok: false as const, status: 404, reason: 'not found' };
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${verdict.reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const worker = spare.take(); // already running: the page's first request is answered at once
      bridgeToWorker(ws, worker);
      options.onWorker?.(worker.child);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  }).catch(async (e: unknown) => { spare.close(); await workers.killAll(); throw e; });
  const port = (server.address() as AddressInfo).port;
  const file = options.file ?? null;
  const url = `http://127.0.0.1:${port}/?token=${token}${file ? `&file=${encodeURIComponent(file)}` : ''}`;
  return {
    server, port, token, url, exportDir,
    spareWorker: () => spare.waiting?.child ?? null,
    close: async () => {
      spare.close();
      await new Promise<void>((done) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => done());
      });
      await workers.killAll();
    },
  };
}

interface CliOptions { file: string; port: number; open: boolean; exportDir: string | undefined }

function parseCli(argv: string[]): CliOptions | { error: string } {
  const opts: CliOptions = { file: '', port: 0, open: true, exportDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-open') opts.open = false;
    else if (a === '--port') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 65535) return { error: '--port needs a number 0..65535' };
      opts.port = n;
    } else if (a === '--export-dir') {
      const dir = argv[++i];
      if (!dir || dir.startsWith('-')) return { error: '--export-dir needs a folder' };
      if (!existsSync(dir)) return { error: `--export-dir ${dir} does not exist` };
      opts.exportDir = resolve(dir);
    } else if (a === '-h' || a === '--help') return { error: '' };
    else if (a.startsWith('-') || opts.file) return { error: `unexpected argument ${a}` };
    else opts.file = resolve(a);
  }
  opts.file ||= defaultCapture();
  return opts;
}

/** Opens the URL in the desktop's browser; failures only print (a headless box has none). */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch { /* no browser: the printed URL is enough */ }
}

export async function main(argv: string[]): Promise<number> {
  const opts = parseCli(argv);
  if ('error' in opts) {
    const usage = 'usage: npm run web -- [FILE] [--port N] [--no-open] [--export-dir DIR]\n';
    if (opts.error) process.stderr.write(`synack-web: ${opts.error}\n${usage}`);
    else process.stdout.write(usage);
    return opts.error ? 2 : 0;
  }
  await ensureRendererBuilt((l) => process.stderr.write(`${l}\n`));
  const web = await startWebServer({ port: opts.port, file: opts.file, exportDir: opts.exportDir });
  process.stdout.write(`SynAck is serving ${opts.file}\nSave As and Export write into ${web.exportDir}\nOpen ${web.url}\n`);
  if (opts.open) openBrowser(web.url);
  await new Promise<void>((done) => {
    const stop = (): void => { void web.close().then(done); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
