/**
 * Capture worker process entry: plain Node via tsx (CLI, web host, tests) or Electron's utilityProcess /
 * an elevated launcher (the app). Speaks the frame protocol of shared/ipc on stdin/stdout, or on a Unix
 * socket it connects back to (see worker-args.ts). stdout carries frames only, so console output is sent
 * to stderr. Errors become `error` messages; an uncaught one is reported as a fatal error before exit,
 * never a silent death. The worker exits when its consumer goes away.
 */
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { encodeEvent } from '../../shared/ipc/encode';
import { anyAbsolutePath, EXPORT_GRANT_TYPE, type ExportGate, exportDirectory, GrantedPaths } from './export-gate';
import { type JobPort, serveExportJobs } from './export-jobs';
import { loadLiveProvider } from './live-provider';
import { readFrames, StreamFrameWriter } from './stream-transport';
import { parseWorkerArgs, TOKEN_PREAMBLE, type WorkerArgs } from './worker-args';
import { WorkerSession } from './worker-session';
import { takeTokenFile } from './worker-token';
import { type ParentPortLike, portStreams, receivePort } from './port-stream';

function keepStdoutForFrames(): void {
  const toStderr = (...a: unknown[]): void => { process.stderr.write(`${a.map(String).join(' ')}\n`); };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

async function connectTransport(args: WorkerArgs): Promise<{ input: Readable; output: Writable }> {
  // Under Electron's utilityProcess there is no piped stdin: main hands us a MessagePort instead, whose other
  // end goes straight to the renderer (main stays out of the data path).
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) return portStreams(await receivePort(parentPort));
  if (!args.connect) {
    // A net.Socket on fd 1 writes asynchronously (process.stdout on a pipe blocks on Linux), so a consumer
    // that stops reading pauses the worker through credits instead of freezing its event loop.
    const output = new net.Socket({ fd: 1, readable: false, writable: true });
    return { input: process.stdin, output };
  }
  let token: string;
  try {
    token = takeTokenFile(args.connect); // read and deleted before connecting
  } catch (e) {
    throw new Error(`--connect needs the app's one-time token file next to the socket: ${(e as Error).message}`, { cause: e });
  }
  const socket = net.createConnection(args.connect);
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  socket.write(`${TOKEN_PREAMBLE}${token}\n`);
  return { input: socket, output: socket };
}

/** Where this worker may write exports: see export-gate.ts for why each transport gets its rule. */
function exportGateFor(args: WorkerArgs): ExportGate {
  const parentPort = (process as { parentPort?: JobPort }).parentPort;
  if (parentPort) {
    const grants = new GrantedPaths();
    parentPort.on('message', (e) => {
      const d = e.data as { type?: unknown; path?: unknown } | null;
      if (d && d.type === EXPORT_GRANT_TYPE && typeof d.path === 'string') grants.grant(d.path);
    });
    // Main may also route the export of an elevated worker's live session here (export-jobs.ts).
    serveExportJobs(parentPort, grants);
    return grants;
  }
  if (args.exportDir) return exportDirectory(args.exportDir);
  if (args.connect) return new GrantedPaths('the capture worker started with capture rights does not write files: the app routes its exports to the file worker (electron/main/export-route.ts)');
  return anyAbsolutePath;
}

export async function runWorker(argv: string[]): Promise<void> {
  const args = parseWorkerArgs(argv);
  if ('error' in args) {
    process.stderr.write(`synack worker: ${args.error}\n`);
    process.exit(2);
  }
  keepStdoutForFrames();
  const { input, output } = await connectTransport(args);
  const writer = new StreamFrameWriter(output);
  const session = new WorkerSession(writer, { live: args.live ? loadLiveProvider(args.user) : null, exportGate: exportGateFor(args) });
  const fatal = (message: string): void => {
    writer.sendFrame(encodeEvent('error', { code: 'internal', message, fatal: true }));
    output.end(() => process.exit(70));
    setTimeout(() => process.exit(70), 1000).unref();
  };
  process.on('uncaughtException', (e) => fatal(`worker crashed: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => fatal(`worker crashed: ${(e as Error)?.stack ?? String(e)}`));
  readFrames(input, (f) => session.receive(f), (error) => {
    if (error) writer.sendFrame(encodeEvent('error', { code: 'frame.invalid', message: `bad frame from the consumer: ${error.message}`, fatal: true }));
    process.exitCode = error ? 65 : 0;
    void session.close().finally(() => { output.end(); setTimeout(() => process.exit(), 1000).unref(); });
  });
  output.on('error', () => { void session.close().finally(() => process.exit(0)); });
  session.start();
  if (args.open) {
    await session.openFile(args.open).catch((e: Error) => {
      writer.sendFrame(encodeEvent('error', { code: 'file.unreadable', message: e.message, fatal: false }));
    });
  }
}

await runWorker(process.argv.slice(2));
