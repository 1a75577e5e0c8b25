import { describe, expect, it } from 'vitest';
import { TcpView } from '../../../shared/wire/tcp';
import { TCP_ACK, TCP_SYN } from '../../../shared/wire/tcp-flag-bits';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { SEED_SYN_TCP, SEED_SYNACK_IP_TCP, hex, viewAt } from './wire-fixtures';

describe('TcpView', () => {
  it('reads every field of the seed SYN (seed-lo0.pcap frame 1), placed 7 bytes into a larger buffer', () => {
    const v = new TcpView();
    expect(v.reset(viewAt(SEED_SYN_TCP, 7), 7, SEED_SYN_TCP.length)).toBeNull();
    expect(v.offset).toBe(7);
    expect(v.srcPort).toBe(57273);
    expect(v.dstPort).toBe(8080);
    expect(v.seq).toBe(84347051);
    expect(v.ack).toBe(0);
    expect(v.headerLength).toBe(44);
    expect(v.flags).toBe(TCP_SYN);
    expect(v.window).toBe(65535);
    expect(v.checksum).toBe(0xfe34);
    expect(v.urgentPointer).toBe(0);
    expect(v.optionsLength).toBe(24);
    expect(v.optionsCaptured).toBe(24);
  });

  it('reads SYN+ACK flags and the ack number of seed frame 2', () => {
    const v = new TcpView();
    expect(v.reset(viewAt(SEED_SYNACK_IP_TCP), 20, SEED_SYNACK_IP_TCP.length - 20)).toBeNull();
    expect(v.flags).toBe(TCP_SYN | TCP_ACK);
    expect(v.seq).toBe(2958367133);
    expect(v.ack).toBe(84347052);
  });

  it('every truncated prefix 0..15 is a tcpTruncated problem at the first missing byte, never a throw', () => {
    const v = new TcpView();
    for (let n = 0; n < 16; n++) {
      const p = v.reset(viewAt(SEED_SYN_TCP.slice(0, n), 3), 3, n);
      expect(p?.code, `prefix ${n}`).toBe(WireProblemCode.tcpTruncated);
      expect(p?.offset).toBe(3 + n);
    }
  });

  it('prefixes 16..19 (cut after the window) are accepted: checksum and urgent pointer read 0 until captured', () => {
    const v = new TcpView();
    const full = new TcpView();
    full.reset(viewAt(SEED_SYN_TCP), 0, SEED_SYN_TCP.length);
    for (let n = 16; n < 20; n++) {
      expect(v.reset(viewAt(SEED_SYN_TCP.slice(0, n)), 0, n)).toBeNull();
      expect([v.srcPort, v.dstPort, v.seq, v.ack, v.flags, v.window]).toEqual([full.srcPort, full.dstPort, full.seq, full.ack, full.flags, full.window]);
      expect([v.checksumCaptured, v.checksum, v.urgentPointerCaptured, v.urgentPointer, v.complete, v.optionsCaptured])
        .toEqual([n >= 18, n >= 18 ? full.checksum : 0, false, 0, false, 0]);
    }
  });

  it('prefixes 20..43 are accepted with fewer option bytes captured than claimed', () => {
    const v = new TcpView();
    for (let n = 20; n < SEED_SYN_TCP.length; n++) {
      expect(v.reset(viewAt(SEED_SYN_TCP.slice(0, n)), 0, n)).toBeNull();
      expect(v.optionsCaptured).toBe(n - 20);
      expect(v.optionsLength).toBe(24);
    }
  });

  it('data offset 4 or 0 is a bogus header length the caller reports at offset 12 (tshark still gives it a stream)', () => {
    const bad = SEED_SYN_TCP.slice();
    bad[12] = 0x40;
    const v = new TcpView();
    expect(v.reset(viewAt(bad), 0, bad.length)).toBeNull();
    expect([v.bogusHeaderLength, v.headerLength, v.dataOffsetAt, v.optionsCaptured]).toEqual([true, 16, 12, 0]);
    const zero = hex`0001 0002 0000 0000 0000 0000 0002 ffff 0000 0000`;
    expect(v.reset(viewAt(zero), 0, 20)).toBeNull();
    expect([v.bogusHeaderLength, v.headerLength]).toEqual([true, 0]);
    const ok = new TcpView();
    expect(ok.reset(viewAt(SEED_SYN_TCP), 0, SEED_SYN_TCP.length)).toBeNull();
    expect(ok.bogusHeaderLength).toBe(false);
  });

  it('keeps all 12 flag bits, including the reserved ones and AE (tcpdump__beep-oobr.pcap sets 0xf30)', () => {
    const t = SEED_SYN_TCP.slice(0, 20);
    t[12] = 0x5f; t[13] = 0x30;
    const v = new TcpView();
    v.reset(viewAt(t), 0, 20);
    expect(v.flags).toBe(0xf30);
    expect(v.headerLength).toBe(20);
  });

  it('describe() lists every field with byte ranges inside the header', () => {
    const v = new TcpView();
    v.reset(viewAt(SEED_SYN_TCP), 0, SEED_SYN_TCP.length);
    const node = v.describe(0, 0, ' [incorrect, should be 0x3271]');
    expect(node.children?.map((c) => c.label)).toEqual([
      'Source Port', 'Destination Port', 'Sequence Number (raw)', 'Acknowledgment Number (raw)', 'Header Length', 'Flags',
      'Window', 'Checksum', 'Urgent Pointer', 'Options', 'TCP Segment Len',
    ]);
    for (const c of node.children ?? []) expect(c.start + c.length).toBeLessThanOrEqual(44);
    expect(node.children?.[7].value).toBe('0xfe34 [incorrect, should be 0x3271]');
  });
});
