/**
 * `synack-capture info FILE` prints what `capinfos -M FILE` prints (capinfos 4.0, less its RIPEMD160 line), line
 * for line, on every corpus capture, the seed and a hand-built pcapng carrying every option Capture File
 * Properties shows (section and interface strings, filters, speed, FCS length, time resolutions, statistics,
 * name resolution, decryption secrets, packet comments). Times are local: both run in a zone that is not UTC.
 *
 * capinfos 4.0 does not list packet comments (4.2 does, as "Packet N Comment:" lines, which SynAck prints): they
 * are left out of the comparison and checked on their own.
 *
 * One difference class, explained: in a file with several sections, capinfos 4.0 counts a packet (and an
 * Interface Statistics Block) for the interface with the packet's *section-local* id in the file-wide list, so
 * section 1's packets land on section 0's interfaces; SynAck counts them for the interface they name. There, the
 * per-interface "Number of packets"/"Number of stat entries" lines may differ, and their packets add up the same.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, MALFORMED_DIR, REPO_ROOT, SEED_PCAP, TEST_OUTPUT_DIR } from '../../../support/paths';
import { requireTool } from '../../../support/require-tool';
import { writeRichPcapng } from '../../../support/rich-pcapng';

const hasCapinfos = requireTool('capinfos');
const TZ = 'America/Sao_Paulo';
const CLI = join(REPO_ROOT, 'bin', 'synack-capture.mjs');

function ours(path: string): { status: number | null; stdout: string; stderr: string; report: string } {
  const r = spawnSync(process.execPath, [CLI, 'info', path], { encoding: 'utf8', env: { ...process.env, TZ } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, report: r.stdout.split('\n').filter((l) => !/^Packet \d+ Comment: /.test(l)).join('\n') };
}

/** capinfos -M's report without RIPEMD160, or null when capinfos refuses the file. */
function capinfos(path: string): string | null {
  const r = spawnSync('capinfos', ['-M', path], { encoding: 'utf8', env: { ...process.env, TZ } });
  return r.status === 0 ? r.stdout.split('\n').filter((l) => !l.startsWith('RIPEMD160:')).join('\n') : null;
}

describe('synack-capture info agrees with capinfos -M', () => {
  const dir = join(TEST_OUTPUT_DIR, 'info');
  mkdirSync(dir, { recursive: true });
  const rich = writeRichPcapng(dir);

  it.skipIf(!hasCapinfos)('prints capinfos\'s report for every corpus capture, the seed and an option-rich pcapng', () => {
    const files = [SEED_PCAP, rich, ...readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort().map((f) => join(CORPUS_DIR, f))];
    let compared = 0, multiSection = 0;
    for (const path of files) {
      const want = capinfos(path);
      expect(want, `capinfos reads ${path}`).not.toBeNull();
      const got = ours(path);
      expect(got.status, `${path}: ${got.stderr}`).toBe(0);
      if (!/^Section 1:$/m.test(want!)) {
        expect(got.report, path).toBe(want);
      } else {
        multiSection++;
        const perInterface = /^ {21}Number of (packets|stat entries) = /;
        const strip = (s: string): string[] => s.split('\n').filter((l) => !perInterface.test(l));
        expect(strip(got.report), path).toEqual(strip(want!));
        const total = (s: string): number => [...s.split('Section 1:')[0].matchAll(/^ {21}Number of packets = (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
        expect(total(got.stdout), path).toBe(total(want!));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
    expect(multiSection).toBeGreaterThan(0);
  });

  it.skipIf(!hasCapinfos)('the option-rich file shows each option as capinfos does', () => {
    const got = ours(rich).stdout;
    for (const line of ['Capture comment:     first section second line', 'Capture hardware:    Test rig', 'Packet 1 Comment:    first packet: \\"quoted\\" \\\\ back, na\\303\\257ve\\ttab',
      'Packet 3 Comment:    second comment', 'Filter string = tcp port 80', 'BPF filter length = 2', 'Speed = 1000000000', 'FCS length = 4',
      'Time resolution = 0x88', 'Time precision = centiseconds (2)', 'Number of stat entries = 2', 'Number of resolved IPv4 addresses in file: 2',
      'Number of decryption secrets in file: 1', 'Packet size limit:   inferred: 40 bytes']) {
      expect(got).toContain(line);
    }
  });

  it.skipIf(!hasCapinfos)('on damaged files: what capinfos reads it reports alike, and what cannot be read is refused with the reason', () => {
    for (const f of readdirSync(MALFORMED_DIR).filter((n) => /\.(pcap|pcapng)$/.test(n)).sort()) {
      const path = join(MALFORMED_DIR, f);
      const got = ours(path);
      expect([0, 1, 2], `${f}: ${got.stderr}`).toContain(got.status);
      if (got.status !== 0) expect(got.stderr, f).toMatch(new RegExp(`^synack-capture info: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+`));
      if (got.status === 2) expect(got.stdout, f).toBe('');
      const want = capinfos(path);
      if (want !== null && got.status === 0) expect(got.report, f).toBe(want);
    }
  });

  it('says why a file is not a capture file, and exits 2', () => {
    const path = join(dir, 'not-a-capture.txt');
    writeFileSync(path, 'hello, this is text\n');
    const got = ours(path);
    expect(got.status).toBe(2);
    expect(got.stderr).toContain('neither pcap nor pcapng');
    expect(execFileSync(process.execPath, [CLI, 'info', '--help'], { encoding: 'utf8' })).toContain('capinfos -M');
  });
});
