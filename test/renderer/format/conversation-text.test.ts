import { describe, expect, it } from 'vitest';
import { conversationText } from '../../../renderer/format/conversation-text';
import { loadSeed } from '../support/seed-capture';

describe('conversation text', () => {
  it('describes the seed conversation from the client side', () => {
    const t = conversationText(loadSeed().conversation);
    expect(t.arrow).toBe('127.0.0.1:57273 → 127.0.0.1:8080');
    expect(t.states).toBe('client TIME-WAIT, server CLOSED');
    expect(t.ended).toBe('closed with FIN both ways');
    expect(t.completeness).toBe('complete: SYN, SYN-ACK, ACK, FIN');
    expect(t.packets).toBe('9');
    expect(t.bytes).toBe('528 B');
    expect(t.irtt).toBe('149 µs');
    expect(t.expert).toBe('1 dup ACK');
    expect(t.expertTotal).toBe(1);
  });
  it('uses A ↔ B when the SYN was not seen', () => {
    const t = conversationText({ ...loadSeed().conversation, clientDir: -1 });
    expect(t.arrow).toBe('127.0.0.1:8080 ↔ 127.0.0.1:57273');
  });
});
