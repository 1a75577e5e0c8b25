/**
 * Starting the capture worker as a child process (plain Node + tsx) and talking to it over stdio: used by
 * the web host, the tests and the benchmarks. (The Electron app starts the same entry as a utilityProcess.)
 * A worker that dies turns into one fatal `worker.exited` error naming its exit code or signal and the
 * last lines it wrote to stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IpcClient, type IpcClientOptions } from '../../shared/ipc/ipc-client';

export const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const STDERR_TAIL = 2000;

/** Spawns `node bin/run-ts.mjs electron/capture/worker.ts ARGS` with piped stdio. */
export function spawnWorker(args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [RUN_TS, WORKER_ENTRY, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
}

/** Collects the last bytes of a child's stderr (and echoes them when SYNACK_WORKER_STDERR is set). */
export function stderrTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (process.env.SYNACK_WORKER_STDERR) process.stderr.write(c);
    tail = (tail + c.toString('utf8')).slice(-STDERR_TAIL);
  });
  return () => tail.trim();
}

/** How a child ended, in words. */
export function exitText(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

export interface WorkerConnection {
  child: ChildProcess;
  client: IpcClient;
  /** Resolves when the child has exited and its streams are closed. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a worker and an IpcClient over its stdio; `client.start()` is called (initial credits granted). */
export function startWorker(args: string[] = [], options: IpcClientOptions = {}): WorkerConnection {
  const child = spawnWorker(args);
  const tail = stderrTail(child);
  const client = new IpcClient((bytes) => { if (child.stdin?.writable) child.stdin.write(bytes); }, options);
  child.stdin?.on('error', () => { /* reported through 'close' */ });
  child.stdout?.on('data', (c: Buffer) => client.receive(c));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      const err = tail();
      client.transportClosed({
        code: 'worker.exited', fatal: true,
        message: `the capture worker ${exitText(code, signal)}${err ? `: ${err.split('\n').slice(-5).join(' | ')}` : ''}`,
      });
      resolve({ code, signal });
    });
  });
  client.start();
  return { child, client, closed };
}
