import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concat, ipv4Tcp, pcapHeader, pcapRecord } from '../../support/capture-bytes';
import { expectSameAsTshark, toolOutput } from '../../support/corpus-variant';
import { formatCapture, splitTcpdumpOutput } from '../format/tcpdump-compare';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

/**
 * FDDI frames (LINKTYPE_FDDI) whose LLC/SNAP header carries IPv4, with every kind of frame control and SNAP OUI that
 * decides whether tshark reads the IP header: async LLC is frame control 0x50–0x5F (priority or control bits in the
 * low nibble), and only OUIs 00-00-00 (RFC 1042) and 00-00-F8 (Cisco's 802.1H) make the protocol id an EtherType.
 * Found by the corpus with random byte errors (editcap -E), where a changed bit in either made the frames differ.
 */
const FRAME_CONTROLS = [0x50, 0x57, 0x58, 0x5f, 0x51, 0xd0, 0xd8, 0x40, 0x60];
const OUIS = [[0, 0, 0], [0, 0, 0xf8], [0x08, 0x00, 0x07], [0x00, 0x00, 0x0c], [0x00, 0x25, 0x00]];
/** DSAP, SSAP and control: SNAP is exactly AA AA 03 to tshark (a response's SSAP 0xAB or a group DSAP 0xAB is not). */
const LLC_HEADERS = [[0xaa, 0xaa, 0x03], [0xaa, 0xab, 0x03], [0xab, 0xaa, 0x03], [0xaa, 0xaa, 0x13], [0xaa, 0x00, 0x03]];

function fddiCapture(): string {
  const dir = join(TEST_OUTPUT_DIR, 'fddi-llc');
  mkdirSync(dir, { recursive: true });
  const frame = (fc: number, llc: number[], oui: number[], sport: number): Uint8Array => concat(
    Uint8Array.of(fc, ...new Array<number>(12).fill(0x55), ...llc, ...oui, 0x08, 0x00),
    ipv4Tcp({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport, dport: 80, seq: 100, ack: 0, flags: 0x02 }),
  );
  const frames = [
    ...FRAME_CONTROLS.flatMap((fc, i) => OUIS.map((oui, k) => frame(fc, LLC_HEADERS[0], oui, 40000 + i * 8 + k))),
    ...LLC_HEADERS.map((llc, k) => frame(0x50, llc, OUIS[0], 41000 + k)),
  ];
  const path = join(dir, 'fddi-llc.pcap');
  writeFileSync(path, concat(pcapHeader({ linkType: 10 }), ...frames.map((f, j) => pcapRecord(true, 1000 + j, 0, f))));
  return path;
}

describe('FDDI LLC/SNAP frames', () => {
  it.skipIf(!requireTool('tshark'))('carry TCP exactly where tshark reads it: every -T fields field and -z conv,tcp agree', () => {
    expectSameAsTshark(fddiCapture(), 'FDDI frame controls × SNAP OUIs');
  });

  // tcpdump prints IP where print-llc.c finds it (SAP bits masked, OUI 00-00-00 or 00-00-F8), while its `tcp`
  // filter reads only the protocol id: the same frames are printed, with the same IP lines. (Frames it prints as
  // an LLC description rather than IP are not compared: SynAck writes no LLC description.)
  it.skipIf(!requireTool('tcpdump'))('are printed and filtered as tcpdump -nn -tt -vv … tcp does', () => {
    const path = fddiCapture();
    const ours = formatCapture(path, ['tcp'], { time: 'epoch' });
    const theirs = splitTcpdumpOutput(toolOutput('tcpdump', ['-nn', '-tt', '-vv', '-r', path, 'tcp']));
    const time = (r: string): string => r.slice(0, r.indexOf(' '));
    expect(ours.map(time)).toEqual(theirs.map(time));
    expect(ours.filter((r) => / IP /.test(r.split('\n')[0]))).toEqual(theirs.filter((r) => / IP /.test(r.split('\n')[0])));
  });
});
