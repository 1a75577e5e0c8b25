/**
 * `synack-capture read FILE -q -z endpoints,tcp` prints what `tshark -q -z endpoints,tcp` prints, byte for byte —
 * rows, counts and order (most packets first, then first appearance) — on every corpus capture and hand-built fixture.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationRows } from '../../../../electron/capture/commands/read-conversations';
import { endpointRows, formatEndpointTable } from '../../../../shared/tcp/endpoint-table';
import { TCP_FIXTURES, writeTcpFixtures } from '../../../fixtures/tcp/tcp-fixture-builder';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';
import { runTracker } from '../../../support/tcp-fields';
import { readCli as read } from './cli-run';

const hasTshark = requireTool('tshark');
const fixtureDir = join(TEST_OUTPUT_DIR, 'endpoint-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const fixtures = writeTcpFixtures(fixtureDir);
const FILES = [
  ...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f)),
  ...Object.keys(TCP_FIXTURES).filter((n) => n !== 'ip-fragments').map((n) => fixtures[n]),
];

const tsharkEndpoints = (path: string): string =>
  execFileSync('tshark', ['-r', path, '-q', '-z', 'endpoints,tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe('read -z endpoints,tcp agrees with tshark', () => {
  it.skipIf(!hasTshark)('prints tshark\'s table on every capture', () => {
    let rows = 0;
    for (const path of FILES) {
      const ours = endpointRows(conversationRows(runTracker(path, () => {})));
      expect(formatEndpointTable(ours), path).toBe(tsharkEndpoints(path));
      rows += ours.length;
    }
    expect(rows).toBeGreaterThan(300);
  });

  it.skipIf(!hasTshark)('from the command line, with tshark\'s arguments', () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');
    const r = read(['-r', path, '-q', '-z', 'endpoints,tcp']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(tsharkEndpoints(path));
  });

  // A filter on later facts (completeness, the analysis) reads one-pass values without -2 and final ones with it, as tshark.
  const FILTERED: [string, string, boolean][] = [
    ['zeek__smtp.pcap', 'tcp.len > 0', false], ['zeek__http__206_example_b.pcap', 'tcp.analysis.flags', false],
    ['gopacket__cip.pcap', 'tcp.flags.syn == 1 || tcp.flags.reset == 1', false], ['zeek__tcp__retransmit-fast009.pcap', 'tcp.completeness == 15', false],
    ['zeek__tcp__retransmit-fast009.pcap', 'tcp.completeness == 47', true], ['gopacket__pcap__test_loopback.pcap', 'tcp.len > 0', false],
  ];
  it.skipIf(!hasTshark).each(FILTERED)('-z endpoints,tcp,FILTER on %s (%s, -2 %s): tshark\'s table byte for byte', (file, filter, twoPass) => {
    const path = join(CORPUS_DIR, file), z = `endpoints,tcp,${filter}`, two = twoPass ? ['-2'] : [];
    const r = read(['-r', path, ...two, '-q', '-z', z]);
    expect(r.stderr).toBe('');
    const want = execFileSync('tshark', [...two, '-r', path, '-q', '-z', z], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(want.split('\n').length, 'tshark lists endpoints').toBeGreaterThan(6);
    expect(r.stdout).toBe(want);
    // The filter counted: without it the table differs; with -2 it read final values (one pass matches other packets).
    if (!twoPass) expect(r.stdout).not.toBe(tsharkEndpoints(path).replace('Filter:<No Filter>', `Filter:${filter}`));
    else expect(read(['-r', path, '-q', '-z', z]).stdout).not.toBe(r.stdout);
  });

  it('refuses a bad -z filter with its column, and -Y with the tables', () => {
    const path = join(CORPUS_DIR, 'zeek__smtp.pcap');
    const bad = read(['-r', path, '-q', '-z', 'endpoints,tcp,tcp.len >']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad display filter/);
    const y = read(['-r', path, '-Y', 'tcp', '-q', '-z', 'conv,tcp']);
    expect(y.status).toBe(2);
    expect(y.stderr).toContain('-z conv,tcp,FILTER');
  });

  it('adds up an endpoint over its conversations, sent and received', () => {
    const rows = endpointRows([
      { addrA: '10.0.0.2', portA: 5000, addrB: '10.0.0.1', portB: 80, framesAtoB: 3, bytesAtoB: 300, framesBtoA: 2, bytesBtoA: 2000, firstFrame: 4 },
      { addrA: '10.0.0.3', portA: 5001, addrB: '10.0.0.1', portB: 80, framesAtoB: 1, bytesAtoB: 60, framesBtoA: 1, bytesBtoA: 60, firstFrame: 1 },
      { addrA: '10.0.0.9', portA: 9, addrB: '10.0.0.8', portB: 8, framesAtoB: 0, bytesAtoB: 0, framesBtoA: 0, bytesBtoA: 0, firstFrame: 2 },
    ]);
    expect(rows.map((r) => [r.addr, r.port, r.txFrames, r.txBytes, r.rxFrames, r.rxBytes])).toEqual([
      ['10.0.0.1', 80, 3, 2060, 4, 360], ['10.0.0.2', 5000, 3, 300, 2, 2000], ['10.0.0.3', 5001, 1, 60, 1, 60],
    ]);
  });
});
