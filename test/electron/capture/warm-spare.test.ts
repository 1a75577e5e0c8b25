import { describe, expect, it } from 'vitest';
import { MAX_IDLE_DEATHS, WarmSpare } from '../../../electron/capture/warm-spare';

/** Process handles as plain records: the policy is what is tested here (server.test.ts runs real workers). */
function processes() {
  let next = 1;
  const started: number[] = [];
  const killed: number[] = [];
  const exits = new Map<number, (how: string) => void>();
  const log: string[] = [];
  return {
    started, killed, log,
    die: (w: number) => exits.get(w)?.('was killed by SIGKILL'),
    hooks: {
      start: () => { const w = next++; started.push(w); return w; },
      watchExit: (w: number, cb: (how: string) => void) => { exits.set(w, cb); },
      kill: (w: number) => { killed.push(w); },
      log: (l: string) => { log.push(l); },
    },
  };
}

describe('WarmSpare', () => {
  it('hands over the worker started ahead and starts the next one at once', () => {
    const p = processes();
    const spare = new WarmSpare(p.hooks);
    spare.start();
    expect(p.started).toEqual([1]);
    expect(spare.take()).toBe(1);
    expect(spare.waiting).toBe(2);
    expect(spare.take()).toBe(2);
    expect(p.started).toEqual([1, 2, 3]);
  });

  it('a handed-over worker that exits is its new owner\'s business, not a spare death', () => {
    const p = processes();
    const spare = new WarmSpare(p.hooks);
    spare.start();
    spare.take();
    p.die(1);
    expect(p.log).toEqual([]);
    expect(p.started).toEqual([1, 2]);
  });

  it('replaces a spare that dies while waiting, gives up after a few in a row, then starts workers on demand', () => {
    const p = processes();
    const spare = new WarmSpare(p.hooks);
    spare.start();
    for (let i = 1; i <= MAX_IDLE_DEATHS + 2; i++) p.die(i);
    expect(p.started).toHaveLength(MAX_IDLE_DEATHS);
    expect(spare.waiting).toBeNull();
    expect(p.log.at(-1)).toMatch(/died in a row.*on demand/);
    const w = spare.take();
    expect(w).toBe(MAX_IDLE_DEATHS + 1);
    expect(spare.waiting).toBeNull();
  });

  it('close kills the waiting spare and starts no other', () => {
    const p = processes();
    const spare = new WarmSpare(p.hooks);
    spare.start();
    spare.close();
    expect(p.killed).toEqual([1]);
    p.die(1);
    expect(p.started).toEqual([1]);
    expect(spare.waiting).toBeNull();
  });
});
