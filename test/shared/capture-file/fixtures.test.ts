/**
 * The generated capture-file fixtures (test/fixtures/capture-file): committed bytes equal a fresh build,
 * our reader gets the designed timestamps and lengths, and tshark reads every frame the same way and sees
 * TCP in each packet.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtures } from '../../fixtures/capture-file/fixtures';
import { FIXTURES_DIR } from '../../support/paths';
import { epochText as epoch, forEachRecord } from '../../support/read-capture';
import { requireTool } from '../../support/require-tool';

const DIR = join(FIXTURES_DIR, 'capture-file');
const FIXTURES = buildFixtures();
const haveTshark = requireTool('tshark');

function ours(name: string): Map<number, string> {
  const rows = new Map<number, string>();
  const res = forEachRecord(join(DIR, name), (r) => { rows.set(r.frame, `${epoch(r)}\t${r.origLen}\t${r.capLen}`); });
  expect(res.problem).toBeNull();
  return rows;
}

describe('capture-file fixtures', () => {
  it.each(FIXTURES)('$name is committed exactly as fixtures.ts builds it', (f) => {
    expect(Buffer.compare(readFileSync(join(DIR, f.name)), Buffer.from(f.bytes))).toBe(0);
  });

  it.each(FIXTURES)('$name reads with the designed timestamps', (f) => {
    const times: string[] = [];
    const res = forEachRecord(join(DIR, f.name), (r) => { times.push(epoch(r)); }, 7);
    expect(res.problem).toBeNull();
    expect(times).toEqual(f.times);
  });

  it.skipIf(!haveTshark).each(FIXTURES)('$name: tshark sees the same frames, each with TCP', (f) => {
    const out = execFileSync('tshark', ['-r', join(DIR, f.name), '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_epoch',
      '-e', 'frame.len', '-e', 'frame.cap_len', '-e', '_ws.col.Protocol', '-e', 'tcp.srcport'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const rows = ours(f.name);
    let packets = 0;
    for (const line of out.trim().split('\n')) {
      const [frame, time, len, capLen, protocol, port] = line.split('\t');
      if (protocol === 'PCAPNG') { expect(rows.has(Number(frame))).toBe(false); continue; }
      packets++;
      expect(port, `${f.name} frame ${frame} has TCP`).toMatch(/^(40000|80)$/);
      expect(rows.get(Number(frame)), `${f.name} frame ${frame}`).toBe(`${time}\t${len}\t${capLen}`);
    }
    expect(packets).toBe(5);
  });

  it('reports if_name, if_description, tsresol and link type per interface', () => {
    const { interfaces } = forEachRecord(join(DIR, 'be/tcp-epb.pcapng'), () => {});
    expect(interfaces).toEqual([{ id: 0, section: 0, idInSection: 0, linkType: 1, snaplen: 65535, name: 'eth0',
      description: 'first ethernet', tsresol: 9, tsoffset: 0, fcsLen: 0, littleEndian: false,
      details: { tsresolGiven: true, comments: [] } }]);
    expect(forEachRecord(join(DIR, 'le/tsoffset.pcapng'), () => {}).interfaces[0].tsoffset).toBe(1000000000);
    expect(forEachRecord(join(DIR, 'pcap/loop.pcap'), () => {}).interfaces[0]).toMatchObject({ linkType: 108, tsresol: 6 });
  });

  it('numbers interfaces across sections and gives each record its section\'s interface', () => {
    const ifaces: number[] = [];
    const { interfaces } = forEachRecord(join(DIR, 'le/two-sections.pcapng'), (r) => { ifaces.push(r.iface); });
    expect(interfaces.map((i) => [i.id, i.section, i.idInSection, i.name])).toEqual([
      [0, 0, 0, 's1-eth0'], [1, 1, 0, 's2-eth0'], [2, 1, 1, 's2-eth1']]);
    expect(ifaces).toEqual([0, 0, 2, 2, 2]);
  });

  it('skips Custom Blocks but counts them in frame numbers, as tshark 4.0 does', () => {
    const frames: number[] = [];
    const res = forEachRecord(join(DIR, 'le/custom-block.pcapng'), (r) => { frames.push(r.frame); });
    expect(frames).toEqual([1, 3, 4, 6, 7]);
    expect(res.records).toBe(5);
  });

  it('marks Simple Packet Block records as having no timestamp and cuts them at the snaplen', () => {
    const seen: [boolean | undefined, number, number][] = [];
    forEachRecord(join(DIR, 'be/tcp-spb.pcapng'), (r) => { seen.push([r.hasTimestamp, r.capLen, r.origLen]); });
    expect(seen[3]).toEqual([false, 56, 60]);
  });
});
