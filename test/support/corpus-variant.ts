/**
 * Test helper for the differential tests on captures nobody wrote (tcp-corpus-snaplen.test.ts,
 * tcp-corpus-drops.test.ts): a corpus file rewritten by editcap, compared with live tshark -2 on every field
 * `synack-capture read -T fields` knows (text for text) and with its `-z conv,tcp` table conversation by
 * conversation, with no known differences allowed.
 */
const FIELDS = Object.keys(TSHARK_FIELDS);
const FRAME = FIELDS.indexOf('frame.number');
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from './paths';
import { TSHARK_FIELDS } from '../../shared/tcp/tshark-fields';
import { tcpFieldRows } from './tcp-fields';
import { expectSameConversations } from './tshark-conversations';

export const VARIANT_DIR = join(TEST_OUTPUT_DIR, 'corpus-variants');
mkdirSync(VARIANT_DIR, { recursive: true });

/** Every capture file of the corpus (names). */
export const CORPUS_CAPTURES = readdirSync(CORPUS_DIR).filter((f) => /\.(pcap|pcapng|cap)$/.test(f));

/**
 * Writes `out` from corpus file `cap` with editcap `args` (before the file names) and `frames` to drop (after).
 * Returns false when editcap cannot write the file at all (two pcapng test files hold blocks it cannot write).
 */
export function editcap(cap: string, out: string, args: string[], frames: string[] = []): boolean {
  try {
    execFileSync('editcap', [...args, join(CORPUS_DIR, cap), out, ...frames], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    return true;
  } catch (e) {
    expect((e as { stderr?: string }).stderr ?? '', `editcap on ${cap}`).toMatch(/can't be written/);
    return false;
  }
}

/**
 * A tool's stdout (tshark, tcpdump): both exit non-zero on a file that ends in a cut record, after printing
 * everything before it, which is what is compared.
 */
export function toolOutput(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === 'string') return out;
    throw e;
  }
}

/**
 * Our TCP fields and conversation table for `path` against one live `tshark -2 -Y tcp -T fields … -z conv,tcp`
 * (`tsharkOptions`: preferences such as `-o ip.defragment:FALSE`, SynAck not reassembling IP fragments).
 */
export function expectSameAsTshark(path: string, label: string, tsharkOptions: string[] = []): void {
  // The conv,tcp tap sees every frame whatever -Y shows, so one run gives both (same rows as `-q -z conv,tcp`).
  // FIELDS holds frame.number: a field named twice gets an empty first column from tshark.
  const out = toolOutput('tshark', ['-2', ...tsharkOptions, '-r', path, '-Y', 'tcp', '-T', 'fields', '-E', 'occurrence=f', ...FIELDS.flatMap((f) => ['-e', f]),
    '-z', 'conv,tcp']);
  const table = out.search(/^====/m);
  const fieldLines = (table < 0 ? out : out.slice(0, table)).split('\n').filter(Boolean);
  const expected = new Map(fieldLines.map((l) => { const v = l.split('\t'); return [Number(v[FRAME]), v]; }));
  const ours = tcpFieldRows(path, FIELDS);
  expect([...ours.keys()], `${label}: frames with tcp`).toEqual([...expected.keys()]);
  const diffs: string[] = [];
  for (const [frame, v] of expected) {
    const mine = ours.get(frame)!;
    FIELDS.forEach((f, i) => {
      if ((v[i] ?? '') !== mine[i]) diffs.push(`#${frame} ${f} tshark=${v[i] ?? ''} ours=${mine[i]}`);
    });
  }
  expect(diffs.slice(0, 10), `${label}: ${diffs.length} differences`).toEqual([]);
  expectSameConversations(path, table < 0 ? '' : out.slice(table), label);
}
