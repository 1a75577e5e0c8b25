import { describe, expect, it } from 'vitest';
import { emptyDecodedPacket } from '../../../shared/wire/decoded-packet';
import {
  TCPOPT_EOL, TCPOPT_MSS, TCPOPT_NOP, TCPOPT_SACK_PERM, TCPOPT_TIMESTAMP, TCPOPT_WSCALE, TcpOptionReader,
  describeTcpOption, describeTcpOptions, isFastOpen, readTcpOptions,
} from '../../../shared/wire/tcp-options';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { MPTCP_SYN_FRAME, SACK_SYN_FRAME, SEED_SYN_TCP, TFO_EXP_SYN_FRAME, hex, viewAt } from './wire-fixtures';

function walk(bytes: Uint8Array, claimed = bytes.length) {
  const r = new TcpOptionReader();
  const dv = viewAt(bytes);
  r.reset(dv, 0, bytes.length, claimed);
  const seen: [number, number, number][] = [];
  while (r.next()) seen.push([r.kind, r.at, r.length]);
  return { seen, problem: r.problem, problemOffset: r.problemOffset };
}

describe('TcpOptionReader', () => {
  it('walks the seed SYN options: mss,nop,wscale,nop,nop,TS,sackOK,eol', () => {
    const { seen, problem } = walk(SEED_SYN_TCP.slice(20));
    expect(seen.map(([k]) => k)).toEqual([TCPOPT_MSS, TCPOPT_NOP, TCPOPT_WSCALE, TCPOPT_NOP, TCPOPT_NOP, TCPOPT_TIMESTAMP, TCPOPT_SACK_PERM, TCPOPT_EOL]);
    expect(seen.map(([, at]) => at)).toEqual([0, 4, 5, 8, 9, 10, 20, 22]);
    expect(problem).toBe(0);
  });

  it('length byte 0 or 1 is a tcpOptionLength problem at the length byte and ends the walk', () => {
    for (const len of [0, 1]) {
      const r = walk(hex`0101 02${len.toString(16).padStart(2, '0')} 0000`);
      expect(r.seen.map(([k]) => k)).toEqual([1, 1]);
      expect(r.problem).toBe(WireProblemCode.tcpOptionLength);
      expect(r.problemOffset).toBe(3);
    }
  });

  it('an option running past the header is a problem, not a read out of range', () => {
    const r = walk(hex`0101 080a 0000 0000`);
    expect(r.problem).toBe(WireProblemCode.tcpOptionLength);
    expect(r.seen).toHaveLength(2);
  });

  it('a kind byte without its length byte: options-truncated when the capture cut it, a bad length at the end of the area', () => {
    expect(walk(hex`0101 02`, 4).problem).toBe(WireProblemCode.tcpOptionsTruncated);
    expect(walk(hex`0101 02`).problem).toBe(WireProblemCode.tcpOptionLength);
  });

  it('as packet-tcp.c: an option past the announced area is a bad length even when the capture ends first; EOL padding cut is a truncation', () => {
    // MSS, SACK permitted, then timestamps (10 bytes) in a 12-byte area of which 10 bytes were captured.
    expect(walk(hex`0204 05b4 0402 080a 0000`, 12).problem).toBe(WireProblemCode.tcpOptionLength);
    // The same timestamps in a 20-byte area: it fits the area, the capture cut it.
    expect(walk(hex`0204 05b4 0402 080a 0000`, 20).problem).toBe(WireProblemCode.tcpOptionsTruncated);
    expect(walk(hex`0204 05b4 00`, 8).problem).toBe(WireProblemCode.tcpOptionsTruncated);
    expect(walk(hex`0204 05b4 0000 0000`, 8).problem).toBe(0);
  });

  it('an option cut where tshark\'s dissector does not read is walked past: a wrong-length MSS, a DSS checksum', () => {
    // MSS with length 6 (only kind and length are read) cut after 4 bytes, at the end of a 12-byte area: no problem.
    const mss = walk(hex`0101 0101 0101 0206 05b4`, 12);
    expect([mss.problem, mss.seen.at(-1)]).toEqual([0, [TCPOPT_MSS, 6, 6]]);
    // A DSS mapping with its checksum: packet-tcp.c 4.0 reads the checksum only when 4 bytes follow the fields.
    expect(walk(hex`1e10 2004 0000 0001 0000 0001 0064`, 16).problem).toBe(0);
    expect(walk(hex`1e10 2004 0000 0001 0000 0001 00`, 16).problem).toBe(WireProblemCode.tcpOptionsTruncated);
    // A later option whose kind byte the capture cut is a truncation.
    expect(walk(hex`0206 05b4`, 8).problem).toBe(WireProblemCode.tcpOptionsTruncated);
  });

  it('a SACK option shorter than one block stops the walk; a longer one that runs past its end does not', () => {
    const short = walk(hex`0506 0000 0001 0101 080a 0000 0001 0000 0002`);
    expect([short.problem, short.problemOffset, short.seen]).toEqual([WireProblemCode.tcpOptionOverrun, 0, []]);
    const long = walk(hex`050e 0000 0001 0000 0002 0000 0003 0101 080a 0000 0001 0000 0002`);
    expect(long.problem).toBe(0);
    expect(long.seen.map(([k]) => k)).toEqual([5, TCPOPT_NOP, TCPOPT_NOP, TCPOPT_TIMESTAMP]);
  });

  it('an MPTCP option too short for its subtype stops the walk (MP_FAIL of 8 bytes)', () => {
    expect(walk(hex`1e08 6000 0000 0001 0101`).problem).toBe(WireProblemCode.tcpOptionOverrun);
  });

  it('options cut by the capture are reported as truncated at the end of the captured bytes', () => {
    const r = walk(SEED_SYN_TCP.slice(20, 32), 24);
    expect(r.problem).toBe(WireProblemCode.tcpOptionsTruncated);
    expect(r.problemOffset).toBe(12);
  });

  it('never throws on any prefix of the seed options', () => {
    for (let n = 0; n <= 24; n++) expect(() => walk(SEED_SYN_TCP.slice(20, 20 + n), 24)).not.toThrow();
  });
});

describe('readTcpOptions', () => {
  it('fills mss, window scale, sackOK and timestamps from the seed SYN', () => {
    const out = emptyDecodedPacket();
    const r = new TcpOptionReader();
    r.reset(viewAt(SEED_SYN_TCP), 20, 24);
    expect(readTcpOptions(r, viewAt(SEED_SYN_TCP), out)).toBe(0);
    expect([out.mss, out.windowScale, out.sackPermitted, out.hasTimestamp, out.tsVal, out.tsEcr]).toEqual([16344, 5, true, true, 1525310591, 0]);
  });

  it('reads SACK blocks: option-sack.pcap "sack 1 {1:16}"', () => {
    const out = emptyDecodedPacket();
    const dv = viewAt(SACK_SYN_FRAME);
    const r = new TcpOptionReader();
    r.reset(dv, 54, 12);
    readTcpOptions(r, dv, out);
    expect(out.sackCount).toBe(1);
    expect([out.sackEdges[0], out.sackEdges[1]]).toEqual([1, 16]);
  });

  it('ignores options whose length is wrong for their kind (tshark shows no mss_val for them)', () => {
    const out = emptyDecodedPacket();
    const bytes = hex`0205 0000 0002 0405 78`;
    const r = new TcpOptionReader();
    r.reset(viewAt(bytes), 0, bytes.length);
    readTcpOptions(r, viewAt(bytes), out);
    expect(out.mss).toBe(0x578);
  });

  it('NOP, NOP, Timestamps taken whole gives what the walk gives, and only a whole, captured 12-byte area is taken so', () => {
    const summary = (bytes: Uint8Array, captured = bytes.length, claimed = bytes.length) => {
      const out = emptyDecodedPacket(), r = new TcpOptionReader(), dv = viewAt(bytes);
      r.reset(dv, 0, captured, claimed);
      const fast = r.takeNopNopTimestamps();
      r.reset(dv, 0, captured, claimed);
      const problem = readTcpOptions(r, dv, out);
      return { fast, problem, ts: [out.hasTimestamp, out.tsVal, out.tsEcr, out.tsValOnly], walk: walk(bytes.slice(0, captured), claimed) };
    };
    const linux = summary(hex`0101 080a 0000 0102 0304 0506`);
    expect(linux.fast).toBe(true);
    expect(linux.problem).toBe(0);
    expect(linux.ts).toEqual([true, 0x102, 0x3040506, false]);
    expect(linux.walk.seen.map(([kind]) => kind)).toEqual([TCPOPT_NOP, TCPOPT_NOP, TCPOPT_TIMESTAMP]);
    // Cut by the capture, announced longer, in another order, or another length: the walk decides.
    const cut = summary(hex`0101 080a 0000 0102 0304 0506`, 8, 12);
    expect([cut.fast, cut.problem, cut.ts]).toEqual([false, WireProblemCode.tcpOptionsTruncated, [false, 0x102, 0, true]]);
    expect(summary(hex`0101 080a 0000 0102 0304 0506 0000 0000`).fast).toBe(false);
    expect(summary(hex`080a 0000 0102 0304 0506 0101`).fast).toBe(false);
    expect(summary(hex`0101 0809 0000 0102 0304 0506`).fast).toBe(false);
  });

  it('an option area the capture cut before its first byte has no TSval, whatever the packet before had', () => {
    // Two packets of one chunk: the first ends with a timestamps option, the second's options are not captured at all.
    const chunk = new Uint8Array(64);
    chunk.set(hex`0101 080a 0000 0102 0304 0506`, 0);
    const out = emptyDecodedPacket(), r = new TcpOptionReader(), dv = viewAt(chunk);
    r.reset(dv, 0, 12);
    readTcpOptions(r, dv, out);
    r.reset(dv, 40, 0, 12);
    expect(readTcpOptions(r, dv, out)).toBe(WireProblemCode.tcpOptionsTruncated);
    expect([out.hasTimestamp, out.tsValOnly, out.tsVal]).toEqual([false, false, 0]);
  });

  it('resets the summary between packets', () => {
    const out = emptyDecodedPacket();
    out.mss = 5; out.sackPermitted = true; out.sackCount = 3;
    const r = new TcpOptionReader();
    r.reset(viewAt(hex`01`), 0, 1);
    readTcpOptions(r, viewAt(hex`01`), out);
    expect([out.mss, out.sackPermitted, out.sackCount]).toEqual([-1, false, 0]);
  });
});

describe('describeTcpOption', () => {
  it('names experimental TFO (kind 254, magic 0xf989) as a cookie request: tfo-5c1fa7f9ae91.pcap frame 1', () => {
    const dv = viewAt(TFO_EXP_SYN_FRAME);
    expect(isFastOpen(dv, 254, 54, 4)).toBe(true);
    expect(describeTcpOption(dv, 254, 54, 4)).toEqual(['TCP Fast Open (experimental)', 'tfo cookiereq']);
  });

  it('names kind 34 TFO with a cookie', () => {
    const dv = viewAt(hex`2206 0102 0304`);
    expect(describeTcpOption(dv, 34, 0, 6)).toEqual(['TCP Fast Open', 'tfo cookie 01020304']);
  });

  it('names MPTCP by subtype: mptcp-fclose.pcap MP_CAPABLE', () => {
    const dv = viewAt(MPTCP_SYN_FRAME);
    expect(describeTcpOption(dv, 30, 74, 12)).toEqual(['Multipath TCP', 'mptcp MP_CAPABLE length 12']);
  });

  it('names MD5, TCP-AO, UTO and unknown kinds', () => {
    const md5 = hex`1312 0001 0203 0405 0607 0809 0a0b 0c0d 0e0f`;
    expect(describeTcpOption(viewAt(md5), 19, 0, 18)[1]).toBe('md5 000102030405060708090a0b0c0d0e0f');
    expect(describeTcpOption(viewAt(hex`1d06 0102 aabb`), 29, 0, 6)[1]).toBe('tcp-ao keyid 1 rnextkeyid 2 mac 0xaabb');
    expect(describeTcpOption(viewAt(hex`1c04 8005`), 28, 0, 4)[1]).toBe('uto 5 minutes');
    expect(describeTcpOption(viewAt(hex`9904 abcd`), 0x99, 0, 4)).toEqual(['Unknown option (kind 153)', 'unknown-153 0xabcd']);
  });

  it('describeTcpOptions gives one row per option and a problem row for a bad length', () => {
    const node = describeTcpOptions(viewAt(hex`0101 0201`), 0, 4, 4, 0);
    expect(node.children?.map((c) => c.label)).toEqual(['No-Operation (NOP)', 'No-Operation (NOP)', 'Problem']);
  });

  it('describeTcpOptions shows an option cut where tshark does not read with the bytes the frame holds', () => {
    // Quick-Start (8 bytes, of which tshark reads 4) cut after 5: no problem row, no read past the capture.
    const node = describeTcpOptions(viewAt(hex`1b08 0102 03`), 0, 5, 8, 0);
    expect(node.children?.map((c) => [c.value, c.length])).toEqual([['unknown-27 0x010203 (cut)', 5]]);
  });
});
