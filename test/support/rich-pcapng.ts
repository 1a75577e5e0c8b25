/**
 * A pcapng carrying every option Capture File Properties and the Frame row show: section strings and comments,
 * interface name, description, speed, time resolutions (10^-9 and 2^-8), filters (string and BPF), OS, FCS length,
 * hardware and comment; packets with comments (one escaped, one on a cut packet's neighbour), a packet cut short,
 * Name Resolution and Decryption Secrets Blocks, and Interface Statistics Blocks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { block, concat, endOfOptions, fields, ipv4Tcp, option, shb } from './capture-bytes';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const le = true;

/** A pcapng with every option the report shows (the corpus has the multi-section files). */
export function richPcapng(): Uint8Array {
  const packet = ipv4Tcp({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80, seq: 1, ack: 0, flags: 0x02, window: 65535 });
  const ether = concat(new Uint8Array(12), Uint8Array.of(0x08, 0x00), packet);
  const epbWith = (iface: number, ts: bigint, data: Uint8Array, opts: Uint8Array[], origLen = data.length): Uint8Array => {
    const pad = new Uint8Array(((data.length + 3) & ~3) - data.length);
    return block(le, 6, concat(fields(le, [iface, 4], [ts >> 32n, 4], [ts & 0xffffffffn, 4], [data.length, 4], [origLen, 4]), data, pad,
      ...opts, ...(opts.length ? [endOfOptions(le)] : [])));
  };
  const idbWith = (linkType: number, snaplen: number, opts: Uint8Array[]): Uint8Array =>
    block(le, 1, concat(fields(le, [linkType, 2], [0, 2], [snaplen, 4]), ...opts, ...(opts.length ? [endOfOptions(le)] : [])));
  const isb = (iface: number, counters: [number, number][]): Uint8Array =>
    block(le, 5, concat(fields(le, [iface, 4], [0, 4], [0, 4]), ...counters.map(([c, v]) => option(le, c, fields(le, [BigInt(v), 8]))), endOfOptions(le)));
  const nrb = block(le, 4, concat(
    option(le, 1, concat(Uint8Array.of(10, 0, 0, 1), text('one.example\0uno.example\0'))),
    option(le, 2, concat(new Uint8Array(15), Uint8Array.of(1), text('six.example\0'))),
    option(le, 0, new Uint8Array(0)),
  ));
  const dsb = block(le, 0x0a, concat(fields(le, [0x544c534b, 4], [8, 4]), text('secrets!')));
  return concat(
    shb(le, concat(option(le, 1, text('first section\nsecond line')), option(le, 1, text('another comment')),
      option(le, 2, text('Test rig')), option(le, 3, text('Linux 6.1')), option(le, 4, text('SynAck test')), endOfOptions(le))),
    idbWith(1, 128, [option(le, 2, text('eth0')), option(le, 3, text('Wired')), option(le, 8, fields(le, [1_000_000_000n, 8])),
      option(le, 9, Uint8Array.of(9)), option(le, 11, concat(Uint8Array.of(0), text('tcp port 80'))), option(le, 12, text('Debian 12')),
      option(le, 13, Uint8Array.of(4)), option(le, 15, text('NIC 3000')), option(le, 1, text('uplink'))]),
    idbWith(0, 0, [option(le, 2, text('lo')), option(le, 9, Uint8Array.of(0x88)), option(le, 11, concat(Uint8Array.of(1), new Uint8Array(16)))]),
    epbWith(0, 1_700_000_000_123_456_789n, ether, [option(le, 1, text('first packet: "quoted" \\ back, naïve\ttab'))]),
    epbWith(0, 1_700_000_001_000_000_000n, ether.subarray(0, 40), [], ether.length),
    nrb, dsb,
    epbWith(1, 435_200_000_000n, packet, [option(le, 1, text('loopback')), option(le, 1, text('second comment'))]),
    isb(0, [[4, 100], [5, 3], [6, 97], [7, 1], [8, 96]]),
    isb(1, [[5, 0]]),
    isb(0, [[4, 120], [5, 4]]),
  );
}


/** Writes it as DIR/rich.pcapng and returns the path. */
export function writeRichPcapng(dir: string): string {
  const path = join(dir, 'rich.pcapng');
  writeFileSync(path, richPcapng());
  return path;
}
