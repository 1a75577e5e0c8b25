/**
 * When to restart a capture worker that exited. A crash should cost the user nothing: the worker is
 * restarted at once and the renderer, which keeps the rows it already has, reconnects on the new port.
 * A worker that keeps crashing (a file that kills it every time, a broken install) must not spin: delays
 * grow exponentially and after MAX_RESTARTS within WINDOW_MS the supervisor gives up and says so.
 */
export interface RestartPolicyOptions {
  maxRestarts: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  maxRestarts: 5, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 8_000,
};

export type ExitDecision =
  | { restart: true; delayMs: number; reason: string }
  | { restart: false; reason: string };

export interface WorkerExit {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Main asked the worker to stop (app quitting, window closed): never restarted. */
  requested: boolean;
}

/** Worker exit codes with a meaning (electron/capture/worker.ts): 2 bad arguments, 65 bad frames, 70 crash. */
export function describeExit(code: number | null): string {
  if (code === null) return 'was killed';
  if (code === 0) return 'exited';
  if (code === 2) return 'refused its arguments (exit 2)';
  if (code === 65) return 'received a malformed frame (exit 65)';
  if (code === 70) return 'crashed (exit 70)';
  return `exited with code ${code}`;
}

export class RestartPolicy {
  private readonly restarts: number[] = [];

  constructor(private readonly opts: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** Decides what to do after an exit at time `now` (ms). */
  onExit(exit: WorkerExit, now: number): ExitDecision {
    const reason = `The capture worker ${describeExit(exit.code)}`;
    if (exit.requested) return { restart: false, reason: `${reason} as asked` };
    // Bad arguments will fail the same way again.
    if (exit.code === 2) return { restart: false, reason };
    while (this.restarts.length > 0 && now - this.restarts[0] > this.opts.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.opts.maxRestarts) {
      return { restart: false, reason: `${reason}; it failed ${this.restarts.length + 1} times within ${Math.round(this.opts.windowMs / 1000)} s, so it is not restarted again` };
    }
    const delayMs = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** this.restarts.length);
    this.restarts.push(now);
    return { restart: true, delayMs, reason };
  }

  /** A worker that has run cleanly for a while earns a fresh budget. */
  reset(): void {
    this.restarts.length = 0;
  }
}
