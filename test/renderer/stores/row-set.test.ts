import { describe, expect, it } from 'vitest';
import { RowSet } from '../../../renderer/stores/row-set';

const members = (s: RowSet): number[] => [...s.range(0, Number.MAX_SAFE_INTEGER)];

describe('RowSet', () => {
  it('keeps rows sorted through toggles and answers the nearest member on either side', () => {
    const s = new RowSet();
    for (const r of [50, 3, 900, 3, 17, 0]) s.toggle(r);             // 3 twice: in, then out
    expect(members(s)).toEqual([0, 17, 50, 900]);
    expect(s.size).toBe(4);
    expect([s.has(17), s.has(3), s.has(901)]).toEqual([true, false, false]);
    expect([s.atOrBefore(17), s.atOrBefore(16), s.atOrBefore(10_000), s.before(17), s.before(0)]).toEqual([17, 0, 900, 0, -1]);
    expect([s.after(17), s.after(900), s.after(-1)]).toEqual([50, -1, 0]);
    expect([...s.range(1, 900)]).toEqual([17, 50]);
    for (let r = 1000; r < 1400; r++) s.toggle(r);                   // grows past its first capacity
    expect(s.size).toBe(404);
    expect(s.atOrBefore(1_000_000)).toBe(1399);
  });

  it('adds or removes a sorted run in one merge, once per row', () => {
    const s = new RowSet();
    s.toggle(5); s.toggle(8);
    s.update(Uint32Array.of(1, 5, 6, 9), 4, true);
    expect(members(s)).toEqual([1, 5, 6, 8, 9]);
    s.update(Uint32Array.of(5, 6, 7, 100), 4, false);
    expect(members(s)).toEqual([1, 8, 9]);
    s.clear();
    expect([s.size, s.atOrBefore(9), s.has(1)]).toEqual([0, -1, false]);
  });
});
