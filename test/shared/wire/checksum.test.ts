import { describe, expect, it } from 'vitest';
import {
  CHECKSUM_CORRECT, checksumNote, finishChecksum, foldSum, ipv4HeaderChecksum, sumWords, transportChecksum,
} from '../../../shared/wire/checksum';
import { IP6_SYN_FRAME, SEED_ACK_IP_TCP, SEED_SYNACK_IP_TCP, SEED_SYN_IP_TCP, SLL_SYN_FRAME, hex, viewAt } from './wire-fixtures';

/** TCP checksum of an IPv4 packet starting at `at` with a 20-byte header. */
function tcp4(bytes: Uint8Array, at = 0): number {
  const dv = viewAt(bytes);
  const total = dv.getUint16(at + 2);
  return transportChecksum(dv, at + 12, at + 16, 4, 6, at + 20, total - 20, 16);
}

describe('checksums as tcpdump reports them', () => {
  it('seed frame 1: IP "bad cksum 0 (->b12f)!" and TCP "cksum 0xfe34 (incorrect -> 0x3271)"', () => {
    expect(ipv4HeaderChecksum(viewAt(SEED_SYN_IP_TCP), 0, 20)).toBe(0xb12f);
    expect(tcp4(SEED_SYN_IP_TCP)).toBe(0x3271);
  });

  it('seed frame 2: IP (->1550), TCP (incorrect -> 0xa903)', () => {
    expect(ipv4HeaderChecksum(viewAt(SEED_SYNACK_IP_TCP), 0, 20)).toBe(0x1550);
    expect(tcp4(SEED_SYNACK_IP_TCP)).toBe(0xa903);
  });

  it('seed frame 3: IP (->6667), TCP (incorrect -> 0xf11f)', () => {
    expect(ipv4HeaderChecksum(viewAt(SEED_ACK_IP_TCP), 0, 20)).toBe(0x6667);
    expect(tcp4(SEED_ACK_IP_TCP)).toBe(0xf11f);
  });

  it('a correct IPv4 header and TCP segment verify (tcp-handshake-nano.pcap: "cksum 0x50c4 (correct)")', () => {
    expect(ipv4HeaderChecksum(viewAt(SLL_SYN_FRAME), 16, 20)).toBe(CHECKSUM_CORRECT);
    expect(tcp4(SLL_SYN_FRAME, 16)).toBe(CHECKSUM_CORRECT);
  });

  it('IPv6 pseudo-header: zeek ip6-tcp-bad-chksum "cksum 0x0001 (incorrect -> 0x2f8a)"', () => {
    const dv = viewAt(IP6_SYN_FRAME);
    expect(transportChecksum(dv, 22, 38, 16, 6, 54, 20, 16)).toBe(0x2f8a);
  });

  it('RFC 1071 §3 example: the words 0001 f203 f4f5 f6f7 sum to 0xddf2', () => {
    const dv = viewAt(hex`0001 f203 f4f5 f6f7`);
    expect(foldSum(sumWords(dv, 0, 8, 0))).toBe(0xddf2);
    expect(finishChecksum(sumWords(dv, 0, 8, 0))).toBe(0x220d);
  });

  it('pads an odd trailing byte with zero', () => {
    expect(sumWords(viewAt(hex`0102 03`), 0, 3, 0)).toBe(0x0102 + 0x0300);
  });

  it('checksumNote words the verdict', () => {
    expect(checksumNote(CHECKSUM_CORRECT)).toBe(' [correct]');
    expect(checksumNote(0x3271)).toBe(' [incorrect, should be 0x3271]');
  });
});
