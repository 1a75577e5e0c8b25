import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, SEED_DIR, SEED_PCAP } from '../../support/paths';
import { formatCapture } from './tcpdump-compare';
import { formatTcpdumpTime } from '../../../shared/format/tcpdump-time';
import { TcpdumpSeqTable } from '../../../shared/format/tcpdump-seq-table';
import { ipv6String } from '../../../shared/format/tcpdump-address';
import { tcpdumpFlags, printableChar } from '../../../shared/format/tcpdump-tcp';
import { checksumShouldBe } from '../../../shared/format/tcpdump-checksum';
import { TcpdumpFormatter } from '../../../shared/format/tcpdump-line';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';

/** Compares with test/golden/NAME, rewriting it when UPDATE_GOLDEN=1. */
function expectGolden(name: string, text: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

const seedText = (absoluteSeq: boolean): string =>
  formatCapture(SEED_PCAP, [], { time: 'hms', absoluteSeq }).map((l) => `${l}\n`).join('');

describe('tcpdump-style text of the seed capture', () => {
  it('equals `tcpdump -nn -vv -r seed-lo0.pcap` (TZ=UTC) byte for byte', () => {
    const text = seedText(false);
    expect(text).toBe(readFileSync(join(SEED_DIR, 'seed-lo0.tcpdump-vv.txt'), 'utf8'));
    expectGolden('seed-lo0.read.txt', text);
  });

  it('equals `tcpdump -nn -vv -S -r seed-lo0.pcap` with absolute sequence numbers', () => {
    const text = seedText(true);
    expect(text).toBe(readFileSync(join(SEED_DIR, 'seed-lo0.tcpdump-S-vv.txt'), 'utf8'));
    expectGolden('seed-lo0.read-S.txt', text);
  });

  it('prints epoch times with -tt', () => {
    const [first] = formatCapture(SEED_PCAP, [], { time: 'epoch' });
    expect(first).toMatch(/^\d{10}\.265450 IP \(tos 0x10, ttl 64, id 35702,/);
  });
});

describe('tcpdump timestamps', () => {
  it('prints HH:MM:SS.micro in UTC, cutting nanoseconds to microseconds', () => {
    expect(formatTcpdumpTime(1700000000, 123456789, 'hms')).toBe('22:13:20.123456');
    expect(formatTcpdumpTime(1700000000, 999, 'epoch')).toBe('1700000000.000000');
  });
  it('reports times whose low 32 bits have the sign bit set as tcpdump does', () => {
    expect(formatTcpdumpTime(0x80000000, 0, 'epoch')).toBe('[Error converting time]');
    expect(formatTcpdumpTime(0x100000005, 0, 'epoch')).toBe('5.000000');
  });
});

describe('tcpdump relative sequence numbers', () => {
  const v = new DataView(new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2]).buffer);
  it('prints the first ACK-bearing segment absolute and later ones relative to it, both directions', () => {
    const t = new TcpdumpSeqTable();
    // client 10.0.0.1:40000 -> server 10.0.0.2:80; SYN-ACK from the server is the first ACK-bearing segment
    let r = t.lookup(v, 4, 0, 4, 80, 40000, 5000, 1001, true);
    expect([r.seq, r.ack]).toEqual([5000, 1001]);
    r = t.lookup(v, 0, 4, 4, 40000, 80, 1001, 5001, false);
    expect([r.seq, r.ack]).toEqual([1, 1]);
    r = t.lookup(v, 4, 0, 4, 80, 40000, 5001, 1101, false);
    expect([r.seq, r.ack]).toEqual([1, 101]);
  });
  it('records a connection first seen mid-stream from its first ACK and wraps modulo 2^32', () => {
    const t = new TcpdumpSeqTable();
    expect(t.lookup(v, 0, 4, 4, 1000, 2000, 0xfffffff0, 10, false).seq).toBe(0xfffffff0);
    expect(t.lookup(v, 0, 4, 4, 1000, 2000, 0x10, 10, false).seq).toBe(0x20);
  });
});

describe('tcpdump text pieces', () => {
  it('writes IPv6 addresses as tcpdump addrtostr6 does', () => {
    const a = (hex: string): string => ipv6String(new DataView(Uint8Array.from(Buffer.from(hex, 'hex')).buffer), 0);
    expect(a('00000000000000000000000000000001')).toBe('::1');
    expect(a('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1');
    expect(a('20010db8000100000000000000000000')).toBe('2001:db8:1::');
    expect(a('00000000000000000000ffffc0000201')).toBe('::ffff:192.0.2.1');
    expect(a('20010db8000000010001000100010001')).toBe('2001:db8:0:1:1:1:1:1');
  });
  it('lists flags in tcpdump order and says none when no flag is set', () => {
    expect(tcpdumpFlags(0x12)).toBe('S.');
    expect(tcpdumpFlags(0xff)).toBe('FSRP.UEW');
    expect(tcpdumpFlags(0)).toBe('none');
  });
  it('escapes RST payload bytes like fn_print_char', () => {
    expect([0x41, 0x00, 0x1f, 0x7f, 0xc1].map(printableChar).join('')).toBe('A^@^_^?M-A');
  });
  it('computes the checksum tcpdump says the field should hold', () => {
    expect(checksumShouldBe(0xfe34, 0x343c)).toBe(0x3271);
  });
});

describe('tcpdump formatter on arbitrary bytes', () => {
  it('never throws, for every link type it knows, on random frames of any length', () => {
    let seed = 12345;
    const rand = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
    const formatter = new TcpdumpFormatter({ time: 'epoch' });
    const decoder = new PacketDecoder();
    const bytes = new Uint8Array(200);
    const view = new DataView(bytes.buffer);
    const linkTypes = [0, 1, 10, 12, 101, 105, 108, 113, 129, 192, 228, 229, 276, 9999];
    for (let i = 0; i < 20000; i++) {
      const linkType = linkTypes[i % linkTypes.length];
      for (let j = 0; j < bytes.length; j++) bytes[j] = rand() * 256;
      // Make plausible headers common so the deeper printers run too.
      if (rand() < 0.7) { bytes[12] = 0x08; bytes[13] = 0; bytes[14] = 0x45; bytes[23] = 6; }
      if (rand() < 0.3) { bytes[0] = 0x60; bytes[6] = [0, 6, 43, 44, 60][Math.floor(rand() * 5)]; }
      const capLen = Math.floor(rand() * bytes.length);
      const record = { bytes, view, at: 0, capLen, origLen: capLen + Math.floor(rand() * 100), tsSec: i, tsNsec: 0,
        iface: 0, linkType, fileOffset: 0, frame: i + 1 } as CaptureRecord;
      const d = decoder.decode(view, 0, capLen, record.origLen, linkType);
      expect(typeof formatter.format(record, d)).toBe('string');
    }
  });
});
