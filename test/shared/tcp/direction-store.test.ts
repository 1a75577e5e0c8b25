import { describe, expect, it } from 'vitest';
import { addConversation, ConversationStore, DirectionStore, TcpConversation } from '../../../shared/tcp/conversation-state';

describe('typed conversation and direction storage', () => {
  it('keeps every field of every conversation across growth of the typed arrays', () => {
    const convs = new ConversationStore(16), dirs = new DirectionStore(16);
    const all: TcpConversation[] = [];
    for (let i = 0; i < 1000; i++) {
      const c = new TcpConversation(convs, dirs, addConversation(convs, dirs));
      c.firstSec = 1_700_000_000 + i; c.irttSec = i; c.irttNsec = 1 + i; c.firstDir = (i & 1) as 0 | 1; c.dirty = i % 3 === 0;
      c.d[1].nextseq = 0xfffffff0 + i; c.d[0].winScale = -2; c.d[0].finSeen = i % 2 === 0; c.d[1].bytes = 2 ** 40 + i;
      if (i % 100 === 0) { c.d[0].setSackEdge(1, i); c.d[0].sackCount = 1; }
      all.push(c);
    }
    all.forEach((c, i) => {
      expect([c.stream, c.firstSec, c.irtt, c.firstDir, c.dirty]).toEqual([i, 1_700_000_000 + i, i * 1e9 + 1 + i, i & 1, i % 3 === 0]);
      expect([c.d[1].nextseq, c.d[0].winScale, c.d[0].finSeen, c.d[1].bytes]).toEqual([(0xfffffff0 + i) >>> 0, -2, i % 2 === 0, 2 ** 40 + i]);
      expect(c.d[0].sackEdge(1)).toBe(i % 100 === 0 ? i : 0);
    });
  });

  it('moves one view between streams without mixing their fields', () => {
    const convs = new ConversationStore(4), dirs = new DirectionStore(4);
    for (let i = 0; i < 100; i++) {
      const c = new TcpConversation(convs, dirs, addConversation(convs, dirs));
      c.flow = 1000 + i; c.d[0].nextseq = i; c.d[1].nextseq = 10_000 + i;
    }
    const v = new TcpConversation(convs, dirs, 0);
    for (const i of [99, 0, 42, 42, 7]) {
      v.moveTo(i);
      expect([v.stream, v.flow, v.d[0].nextseq, v.d[1].nextseq]).toEqual([i, 1000 + i, i, 10_000 + i]);
    }
  });

  it('starts a direction with Wireshark\'s initial values (window -1, scale unknown, first ACK pending)', () => {
    const convs = new ConversationStore(), dirs = new DirectionStore();
    const c = new TcpConversation(convs, dirs, addConversation(convs, dirs));
    const d = c.d[0];
    expect([d.window, d.winScale, d.mss, d.segHead, d.isFirstAck, d.validBif, d.baseSet, d.state]).toEqual([-1, -1, -1, -1, true, true, false, 0]);
    expect([c.clientDir, c.firstBits, c.rstDir, c.closerDir, c.mruSynSec, c.mruSynNsec, c.hasIrtt, c.irtt])
      .toEqual([-1, -1, -1, -1, 0, 0, false, -1]);
  });
});
