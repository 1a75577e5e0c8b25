/**
 * Every capture worker the web host started (the spare and those handed to pages), until each exits, so that
 * closing the server leaves no worker process behind: it resolves only once they are all gone (reaped).
 */
import type { ChildProcess } from 'node:child_process';
import type { PageWorker } from './worker-bridge';
export class WorkerSet {
  private readonly running = new Map<ChildProcess, Promise<void>>();

  add(worker: PageWorker): PageWorker {
    const { child } = worker;
    const exited = new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) { done(); return; }
      child.once('exit', () => done());
      child.once('error', () => { if (child.pid === undefined) done(); }); // never started
    });
    this.running.set(child, exited);
    void exited.then(() => this.running.delete(child));
    return worker;
  }

  /** SIGTERM to each, SIGKILL to any still there after 2 s; resolves once all have exited. */
  async killAll(): Promise<void> {
    const all = [...this.running];
    for (const [child] of all) child.kill('SIGTERM');
    const late = setTimeout(() => { for (const [child] of all) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 2000);
    await Promise.all(all.map(([, exited]) => exited));
    clearTimeout(late);
  }
}
