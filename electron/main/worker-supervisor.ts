/**
 * Runs the capture worker for the window and keeps main out of the data path (STYLE.md §9.3, VS Code's
 * MessagePort hand-off): main creates a MessageChannelMain, gives one end to the worker (a utilityProcess;
 * the worker reads frames from it through electron/capture/port-stream.ts) and the other to the page, so batches go
 * worker → renderer without passing through main.
 *
 * An elevated worker (live capture needing rights) is no child of Electron and cannot take a port: it
 * connects back over a private socket (electron/capture/worker-socket.ts) and main copies its bytes to the
 * page's port untouched (./export-route.ts), except `file.export`: that worker cannot be granted a path, so
 * main hands the export to an unprivileged file worker it keeps for the purpose, which reads the session file.
 *
 * One utility worker is always started ahead (a warm spare, electron/capture/warm-spare.ts), so opening a
 * file or restarting after a crash does not wait for a process to boot; `stop()` ends it with the rest.
 *
 * A worker that dies unexpectedly is restarted per ./supervisor-policy.ts; the page gets `worker.restarted`
 * and a fresh port, keeps the rows it has and reopens its source on the new worker.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import { elevationCommand, LINUX_LAUNCHER_NAME } from '../capture/elevation';
import { EXPORT_GRANT_TYPE } from '../capture/export-gate';
import { WarmSpare } from '../capture/warm-spare';
import { listenForWorker } from '../capture/worker-socket';
import { PORT_CHANNEL } from '../preload/app-contract';
import { exportJobClient } from './export-job-client';
import { relayWithExportRoute } from './export-route';
import type { Relay } from './relay';
import { describeExit, RestartPolicy } from './supervisor-policy';

export interface SupervisorOptions {
  /** out/main/capture-worker.js */
  workerEntry: string;
  /** The page lost its worker and has a new one (reason in words). */
  onRestarted(wc: WebContents, reason: string): void;
  /** The worker keeps failing; no more restarts. */
  onGaveUp(wc: WebContents, reason: string): void;
  log(line: string): void;
}

/** After this long without a crash the restart budget is renewed. */
const HEALTHY_AFTER_MS = 30_000;

/** A forked utility worker and whether it is up yet (a port can be posted only after 'spawn'). */
interface UtilityWorker { proc: UtilityProcess; spawned: Promise<void> }

export class WorkerSupervisor {
  private child: UtilityProcess | null = null;
  /** While an elevated worker serves the page: the utility worker that runs its exports. */
  private exportWorker: UtilityProcess | null = null;
  private readonly spare: WarmSpare<UtilityWorker>;
  private relay: Relay | null = null;
  private stopping = false;
  private readonly policy = new RestartPolicy();
  private healthyTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: SupervisorOptions) {
    this.spare = new WarmSpare<UtilityWorker>({
      start: () => this.fork(),
      watchExit: (w, onExit) => w.proc.once('exit', (code) => onExit(describeExit(code))),
      kill: (w) => w.proc.kill(),
      log: (line) => opts.log(line),
    });
    this.spare.start();
  }

  private fork(): UtilityWorker {
    const proc = utilityProcess.fork(this.opts.workerEntry, [], {
      serviceName: 'SynAck capture worker', stdio: ['ignore', 'inherit', 'inherit'],
    });
    return { proc, spawned: new Promise<void>((resolve) => proc.once('spawn', () => resolve())) };
  }

  /** Starts a fresh worker for `wc` (replacing any previous one) and hands the page its port. */
  connect(wc: WebContents): void {
    this.stop();
    this.stopping = false;
    const { port1, port2 } = new MessageChannelMain();
    const { proc: child, spawned } = this.spare.take();
    this.child = child;
    // Posted once the process is up (as VS Code does); the page may write at once, the port queues it.
    void spawned.then(() => child.postMessage({ type: 'synack.port' }, [port1]));
    if (!wc.isDestroyed()) wc.postMessage(PORT_CHANNEL, null, [port2]);
    this.healthyTimer = setTimeout(() => this.policy.reset(), HEALTHY_AFTER_MS);
    child.once('exit', (code) => this.onExit(child, wc, code));
  }

  private onExit(child: UtilityProcess, wc: WebContents, code: number): void {
    if (child !== this.child) return; // an older worker we replaced
    this.child = null;
    if (this.healthyTimer) clearTimeout(this.healthyTimer);
    const decision = this.policy.onExit({ code, requested: this.stopping }, Date.now());
    this.opts.log(`capture worker: ${decision.reason}`);
    if (this.stopping || wc.isDestroyed()) return;
    if (!decision.restart) { this.opts.onGaveUp(wc, decision.reason); return; }
    setTimeout(() => {
      if (wc.isDestroyed() || this.stopping) return;
      this.connect(wc);
      this.opts.onRestarted(wc, decision.reason);
    }, decision.delayMs);
  }

  /**
   * Starts an elevated worker through the platform prompt and gives the page a port relayed to it. The
   * utility worker keeps running until the elevated one is connected, so a cancelled prompt costs nothing.
   */
  async connectElevated(wc: WebContents): Promise<{ ok: boolean; message: string }> {
    const listener = await listenForWorker();
    // --user: macOS's admin prompt records no invoking user (pkexec and sudo do), so say whom to return to.
    const uid = process.getuid?.();
    const args = ['--connect', listener.path, ...(uid === undefined ? [] : ['--user', String(uid)])];
    // The token is in a file next to the socket (capture/worker-token.ts), not in this environment or argv.
    const cmd = elevationCommand(process.platform, args, {
      execPath: process.execPath, workerEntry: this.opts.workerEntry, launcher: join(process.resourcesPath, LINUX_LAUNCHER_NAME),
    });
    const proc = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
    const exited = new Promise<string>((resolve) => proc.once('exit', (c) => resolve(`the elevation prompt ended with code ${c}`)));
    const socket = await Promise.race([listener.connection, exited.then((m) => { throw new Error(m); })])
      .catch((e: Error) => { listener.close(); return e; });
    if (socket instanceof Error) return { ok: false, message: socket.message };
    this.stop();
    this.stopping = false;
    const { port1, port2 } = new MessageChannelMain();
    this.exportWorker = this.startExportWorker();
    this.relay = relayWithExportRoute(socket, port1, exportJobClient(this.exportWorker));
    if (!wc.isDestroyed()) wc.postMessage(PORT_CHANNEL, null, [port2]);
    return { ok: true, message: 'capture worker started with capture rights' };
  }

  /**
   * Lets the worker write one export to `path`, which the user just chose in main's save dialog. The grant
   * goes over the utility process's parentPort, which the page cannot reach, so a page cannot make the worker
   * write anywhere else (electron/capture/export-gate.ts). With an elevated worker the grant goes to the
   * file worker that runs its exports.
   */
  grantExport(path: string): void {
    (this.child ?? this.exportWorker)?.postMessage({ type: EXPORT_GRANT_TYPE, path });
  }

  /**
   * A utility worker that serves no page, only export jobs (electron/capture/export-jobs.ts). It still gets a
   * port, as every worker waits for one before it serves; main keeps the other end and never reads it.
   */
  private startExportWorker(): UtilityProcess {
    const { proc, spawned } = this.spare.take();
    const { port1, port2 } = new MessageChannelMain();
    void spawned.then(() => proc.postMessage({ type: 'synack.port' }, [port1]));
    proc.once('exit', () => { port2.close(); if (this.exportWorker === proc) this.exportWorker = null; });
    return proc;
  }

  /** The app is quitting: stops the current worker and the spare, and starts no other. */
  dispose(): void {
    this.stop();
    this.spare.close();
  }

  /** Stops the current worker (no restart). */
  stop(): void {
    this.stopping = true;
    if (this.healthyTimer) clearTimeout(this.healthyTimer);
    this.child?.kill();
    this.child = null;
    this.exportWorker?.kill();
    this.exportWorker = null;
    this.relay?.close();
    this.relay = null;
  }
}
