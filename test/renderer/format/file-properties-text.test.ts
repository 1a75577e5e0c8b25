/** Capture File Properties' file part in words, from the worker's answer for real files. */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFileProperties } from '../../../electron/capture/file-properties';
import { fileRows, interfaceRows, sectionRows } from '../../../renderer/format/file-properties-text';
import { writeRichPcapng } from '../../support/rich-pcapng';
import { CORPUS as CORPUS_DIR } from '../support/capture-app';

// Under happy-dom support/paths.ts cannot resolve file URLs (capture-app.ts resolves by string, as here).
const TEST_OUTPUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..', 'test-output');

describe('file properties text', () => {
  it('words a pcapng with two interfaces, statistics, filters and comments', async () => {
    const dir = join(TEST_OUTPUT_DIR, 'file-properties-text');
    mkdirSync(dir, { recursive: true });
    const p = await readFileProperties(writeRichPcapng(dir));
    const rows = Object.fromEntries(fileRows(p).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      'Format': 'Wireshark/... - pcapng', 'Encapsulation': 'per packet: Ethernet (2), NULL/Loopback (1)', 'Snapshot length': 'not set in the file header',
      'Packets cut short at': '40 bytes', 'Time precision': 'per packet (the interfaces differ)', 'Resolved names': '2 IPv4, 1 IPv6', 'Decryption secrets': '1 block',
    });
    expect(sectionRows(p.sections[0]).map((r) => `${r.label}: ${r.value}`)).toEqual([
      'Hardware: Test rig', 'OS: Linux 6.1', 'Application: SynAck test', 'Comment: first section\nsecond line', 'Comment: another comment']);
    const [eth0, lo] = interfaceRows(p);
    expect(eth0).toEqual({ name: 'eth0', description: 'Wired', dropped: '4', filter: 'tcp port 80', linkType: 'Ethernet', sizeLimit: '128 bytes', packets: '2',
      more: 'speed 1 Gbit/s; OS Debian 12; hardware NIC 3000; FCS 4 bytes; uplink' });
    expect(lo).toMatchObject({ name: 'lo', dropped: '0', filter: 'a BPF program of 2 instructions', sizeLimit: 'no limit', packets: '1', more: '' });
  });

  it('words a pcap: one encapsulation, the header\'s snapshot length, drops unknown, no section rows', async () => {
    const p = await readFileProperties(join(CORPUS_DIR, 'tcpdump__tcp-handshake-nano.pcap'));
    const rows = Object.fromEntries(fileRows(p).map((r) => [r.label, r.value]));
    expect(rows['Format']).toBe('Wireshark/tcpdump/... - nanosecond pcap');
    expect(rows['Time precision']).toBe('nanoseconds');
    expect(p.sections).toEqual([]);
    expect(interfaceRows(p)[0]).toMatchObject({ name: '#0', dropped: 'unknown', filter: 'none' });
  });
});
