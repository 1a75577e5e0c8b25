/**
 * One capture worker started ahead of time, so a page's first `file.open` is answered by a process that is
 * already running: booting a worker (Node + tsx, or a utilityProcess) costs ~250-350 ms, which otherwise
 * stands between opening a file and its first rows (DESIGN.md: first rows ≤ 200 ms after open).
 *
 * `take()` hands the spare over and starts its replacement at once. Nothing leaks: `close()` kills the spare
 * and starts no other. A spare that dies while waiting is replaced, but only MAX_IDLE_DEATHS times in a
 * row: a worker that cannot start (broken install, bad arguments) must not become a respawn loop. After
 * that `take()` still works, starting a worker on demand as before, and the log says why.
 *
 * Generic over the process handle (a ChildProcess in the web host, a UtilityProcess in the app), so the
 * policy is tested without Electron.
 */

export interface SpareProcesses<T> {
  /** Starts a worker. */
  start(): T;
  /** Calls `onExit` once when `worker` exits (or fails to start), with how it ended in words. */
  watchExit(worker: T, onExit: (how: string) => void): void;
  /** Ends a worker nobody took. */
  kill(worker: T): void;
  log(line: string): void;
}

/** Idle deaths in a row after which no further spare is started. */
export const MAX_IDLE_DEATHS = 3;

export class WarmSpare<T> {
  private spare: T | null = null;
  private idleDeaths = 0;
  private closed = false;

  constructor(private readonly processes: SpareProcesses<T>, private readonly maxIdleDeaths = MAX_IDLE_DEATHS) {}

  /** Starts the first spare. */
  start(): void {
    if (!this.closed && !this.spare) this.refill();
  }

  /** The worker waiting now, if any (tests and logs). */
  get waiting(): T | null { return this.spare; }

  /** A running worker for a new consumer: the spare when there is one (then a new spare starts), else a fresh one. */
  take(): T {
    const worker = this.spare;
    this.spare = null;
    if (this.closed) return this.processes.start();
    if (worker === null) {
      // No spare (given up after idle deaths, or taken twice in a row before the refill): start on demand.
      if (this.idleDeaths < this.maxIdleDeaths) this.refill();
      return this.processes.start();
    }
    this.idleDeaths = 0;
    this.refill();
    return worker;
  }

  /** Kills the spare; no other is started. */
  close(): void {
    this.closed = true;
    const worker = this.spare;
    this.spare = null;
    if (worker !== null) this.processes.kill(worker);
  }

  private refill(): void {
    const worker = this.processes.start();
    this.spare = worker;
    this.processes.watchExit(worker, (how) => {
      if (this.spare !== worker) return; // taken (its new owner watches it) or closed
      this.spare = null;
      this.idleDeaths++;
      if (this.idleDeaths >= this.maxIdleDeaths) {
        this.processes.log(`spare capture worker ${how}; ${this.idleDeaths} died in a row while waiting, so no more are started ahead (workers start on demand)`);
        return;
      }
      this.processes.log(`spare capture worker ${how}; starting another`);
      this.refill();
    });
  }
}
