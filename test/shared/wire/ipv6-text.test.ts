import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipv6String } from '../../../shared/format/tcpdump-address';
import { ipv6Text } from '../../../shared/wire/ipv6';
import { concat, fields, pcapHeader, pcapRecord } from '../../support/capture-bytes';
import { toolOutput } from '../../support/corpus-variant';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

/**
 * IPv6 addresses as text, against live tshark (ipv6.src) and tcpdump (-nn): zero runs of every length and place,
 * IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible ones (::a.b.c.d only when exactly the first 96 bits are zero),
 * which a corpus file with random byte errors turned up (::4.0.0.1 had been written ::400:1).
 */
const ADDRESSES = [
  '0000000000000000000000000000000' + '2', '00000000000000000000000000000001', '00000000000000000000000004000001',
  '00000000000000000000ffff01020304', '0000000000000000ffff000001020304', '00000000000000000000000000000000',
  '00010000000000000000000000000000', '00000000000000000000000100020003', '00000000000000000000fffe01020304',
  '00000000000000000001000001020304', '20010db8000000000000000000000001', '00000000000000000000000000010000',
  '0000000000000000000000000000ffff', '00000000000000000000000000ff0001', '20010db8000000010000000000000001',
  '20010db8000000000001000000000001', '20010db8000100000000000100000000', 'fe800000000000000202b3fffe1e8329',
];

function v6Capture(): string {
  const dir = join(TEST_OUTPUT_DIR, 'ipv6-text');
  mkdirSync(dir, { recursive: true });
  const frames = ADDRESSES.map((a, i) => concat(
    fields(false, [0x60000000, 4], [20, 2], [6, 1], [64, 1]), Buffer.from(a, 'hex'), Buffer.from('00000000000000000000000000000001', 'hex'),
    fields(false, [40000 + i, 2], [80, 2], [1, 4], [0, 4], [0x50, 1], [0x02, 1], [1024, 2], [0, 2], [0, 2]),
  ));
  const path = join(dir, 'ipv6-text.pcap');
  writeFileSync(path, concat(pcapHeader({ linkType: 229 }), ...frames.map((f, j) => pcapRecord(true, 1000 + j, 0, f))));
  return path;
}

const text = (a: string): string => ipv6Text(new DataView(Uint8Array.from(Buffer.from(a, 'hex')).buffer), 0);

describe('IPv6 address text', () => {
  it.skipIf(!requireTool('tshark'))('is tshark\'s ipv6.src for every address', () => {
    const theirs = toolOutput('tshark', ['-r', v6Capture(), '-T', 'fields', '-e', 'ipv6.src']).trim().split('\n');
    expect(ADDRESSES.map(text)).toEqual(theirs);
  });

  it.skipIf(!requireTool('tcpdump'))('is tcpdump\'s source address for every address', () => {
    const theirs = toolOutput('tcpdump', ['-nn', '-r', v6Capture()]).trim().split('\n').map((l) => l.split(' ')[2].replace(/\.40\d+$/, ''));
    expect(ADDRESSES.map((a) => ipv6String(new DataView(Uint8Array.from(Buffer.from(a, 'hex')).buffer), 0))).toEqual(theirs);
  });
});
