import { describe, expect, it } from 'vitest';
import { describeExit, RestartPolicy } from '../../../electron/main/supervisor-policy';

const crash = { code: 70, requested: false };

describe('RestartPolicy', () => {
  it('restarts a crashed worker at once, then with growing delays', () => {
    const p = new RestartPolicy({ maxRestarts: 5, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 2_000 });
    const delays = [0, 1, 2, 3, 4].map((i) => {
      const d = p.onExit(crash, 1000 + i);
      return d.restart ? d.delayMs : -1;
    });
    expect(delays).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it('gives up after maxRestarts within the window and says why', () => {
    const p = new RestartPolicy({ maxRestarts: 2, windowMs: 10_000, baseDelayMs: 1, maxDelayMs: 1 });
    expect(p.onExit(crash, 0).restart).toBe(true);
    expect(p.onExit(crash, 1).restart).toBe(true);
    const d = p.onExit(crash, 2);
    expect(d.restart).toBe(false);
    expect(d.reason).toMatch(/crashed \(exit 70\).*3 times within 10 s/);
  });

  it('forgets crashes older than the window', () => {
    const p = new RestartPolicy({ maxRestarts: 1, windowMs: 1000, baseDelayMs: 1, maxDelayMs: 1 });
    expect(p.onExit(crash, 0).restart).toBe(true);
    expect(p.onExit(crash, 500).restart).toBe(false);
    expect(p.onExit(crash, 5000).restart).toBe(true);
  });

  it('never restarts a worker main stopped, or one that refused its arguments', () => {
    const p = new RestartPolicy();
    expect(p.onExit({ code: 0, requested: true }, 0).restart).toBe(false);
    expect(p.onExit({ code: 2, requested: false }, 0)).toEqual({ restart: false, reason: 'The capture worker refused its arguments (exit 2)' });
  });

  it('restarts a worker that exited cleanly on its own or was killed', () => {
    const p = new RestartPolicy();
    expect(p.onExit({ code: 0, requested: false }, 0).restart).toBe(true);
    expect(p.onExit({ code: null, requested: false }, 1).restart).toBe(true);
  });

  it('renews the budget after reset()', () => {
    const p = new RestartPolicy({ maxRestarts: 1, windowMs: 60_000, baseDelayMs: 1, maxDelayMs: 1 });
    p.onExit(crash, 0);
    p.reset();
    expect(p.onExit(crash, 1).restart).toBe(true);
  });

  it('describes exit codes in words', () => {
    expect(describeExit(null)).toBe('was killed');
    expect(describeExit(65)).toMatch(/malformed frame/);
    expect(describeExit(3)).toBe('exited with code 3');
  });
});
