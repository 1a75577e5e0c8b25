import { describe, expect, it } from 'vitest';
import { ladderSteps, timeWaitText } from '../../../renderer/format/ladder-model';
import { PacketColumnStore } from '../../../renderer/stores/packet-columns';
import { loadSeed } from '../support/seed-capture';

function seedSteps() {
  const seed = loadSeed();
  const store = new PacketColumnStore();
  store.append(seed.columns);
  const rows = Uint32Array.from({ length: 9 }, (_, i) => i);
  return ladderSteps({ cols: store.cols, rows, leftDir: 1, clientDir: 1, mslSeconds: 60 }, 0, 9);
}

describe('ladder model', () => {
  it('draws the client on the left: SYN goes left to right, SYN-ACK comes back', () => {
    const s = seedSteps();
    expect(s.map((x) => x.leftToRight)).toEqual([true, false, true, false, true, false, true, false, true]);
    expect(s[0].label).toBe('[S] seq 0 len 0 win 65535');
    expect(s[1].label).toBe('[S.] seq 0 ack 1 len 0 win 65535');
  });
  it('labels the handshake and close steps with a sentence and leaves other packets plain', () => {
    const s = seedSteps();
    expect(s.slice(0, 3).map((x) => x.step)).toEqual(['Handshake 1/3 SYN', 'Handshake 2/3 SYN-ACK', 'Handshake 3/3 ACK']);
    expect(s[0].note).toContain('client asks to open a connection');
    expect(s[1].note).toContain('server agrees');
    expect(s[3].tags).toEqual(['TCP Window Update']);
    expect(s[6].tags).toEqual(['TCP Dup ACK']);
    expect([4, 5, 7, 8].map((i) => s[i].step)).toEqual(['Close 1/4 FIN', 'Close 2/4 ACK of FIN', 'Close 3/4 peer FIN', 'Close 4/4 last ACK']);
  });
  it('pins each state change to its packet and marks the TIME-WAIT end', () => {
    const s = seedSteps();
    expect(s[0].leftState).toBe('SYN-SENT');
    expect(s[1].rightState).toBe('SYN-RECEIVED');
    expect(s[4].leftState).toBe('FIN-WAIT-1');
    expect(s[7].rightState).toBe('LAST-ACK');
    expect(s[8].leftState).toBe('TIME-WAIT');
    expect(s[8].timeWaitEnd).toMatch(/^until \d\d:\d\d:\d\d \(2×MSL = 120 s\)$/);
    expect(s.map((x) => x.timeWaitEndsMs > 0)).toEqual([false, false, false, false, false, false, false, false, true]);
    expect(s[8].rightState).toBe('CLOSED');
  });
  it('draws only the asked slice', () => {
    const seed = loadSeed();
    const store = new PacketColumnStore();
    store.append(seed.columns);
    const rows = Uint32Array.from({ length: 9 }, (_, i) => i);
    const part = ladderSteps({ cols: store.cols, rows, leftDir: 1, clientDir: 1, mslSeconds: 60 }, 3, 5);
    expect(part.map((x) => x.frame)).toEqual([4, 5]);
  });
  it('words a TIME-WAIT as its end time (file), the time left (live), then the inferred CLOSED', () => {
    const tw = seedSteps()[8];
    expect(timeWaitText(tw, null, 60)).toBe(tw.timeWaitEnd);
    expect(timeWaitText(tw, tw.timeWaitEndsMs - 119_000, 60)).toBe('TIME-WAIT ends in 1:59 (2×MSL = 120 s)');
    expect(timeWaitText(tw, tw.timeWaitEndsMs - 500, 60)).toBe('TIME-WAIT ends in 0:01 (2×MSL = 120 s)');
    expect(timeWaitText(tw, tw.timeWaitEndsMs, 60)).toBe('CLOSED after TIME-WAIT (inferred: 2×MSL = 120 s passed)');
    expect(timeWaitText(seedSteps()[0], 0, 60)).toBe('');
  });
});
