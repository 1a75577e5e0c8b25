import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tcpKnownClass } from './support/known-differences';
import { CORPUS_DIR } from './support/paths';
import { COMPARED_TCP_FIELDS as COMPARED, sameField, tcpFieldRows } from './support/tcp-fields';

/**
 * Differential test: SynAck's TCP fields against tshark 4.0 `-2` output (FILE.tshark.tsv) on every corpus
 * file. Each field must agree on ≥ 99.5% of all TCP packets and on average per file; every remaining
 * difference must be a class listed in test/fixtures/tcp-known-differences.json (file, field, max rows).
 */
interface FileResult { file: string; rows: number; agree: Record<string, number>; diffs: Map<string, string[]> }

function compareFile(cap: string): FileResult {
  const lines = readFileSync(join(CORPUS_DIR, `${cap}.tshark.tsv`), 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split('\t');
  const ours = tcpFieldRows(join(CORPUS_DIR, cap), COMPARED);
  const res: FileResult = { file: cap, rows: 0, agree: {}, diffs: new Map() };
  for (const line of lines.slice(1)) {
    const v = line.split('\t');
    const frame = Number(v[0]);
    const o = ours.get(frame);
    res.rows++;
    COMPARED.forEach((name, i) => {
      const t = v[head.indexOf(name)] ?? '';
      const mine = o ? o[i] : '<missing>';
      if (sameField(name, t, mine)) res.agree[name] = (res.agree[name] ?? 0) + 1;
      else res.diffs.set(name, [...(res.diffs.get(name) ?? []), `#${frame} tshark=${t} ours=${mine}`]);
    });
  }
  return res;
}

const files = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.tshark.tsv')).map((n) => n.slice(0, -'.tshark.tsv'.length))
  .filter((cap) => existsSync(join(CORPUS_DIR, cap)));

describe('TCP fields agree with tshark -2 on the corpus', () => {
  const results = files.map(compareFile);

  it.each(files)('%s has only known difference classes', (cap) => {
    const r = results.find((x) => x.file === cap)!;
    for (const [field, rows] of r.diffs) {
      const k = tcpKnownClass(cap, field);
      expect(k, `unexplained ${field} differences in ${cap}: ${rows.slice(0, 5).join('; ')}`).toBeDefined();
      expect(rows.length, `${cap} ${field}: ${rows.slice(0, 5).join('; ')}`).toBeLessThanOrEqual(k!.rows);
    }
  });

  it('every field agrees on ≥ 99.5% of all TCP packets and on average per file', () => {
    const withRows = results.filter((r) => r.rows > 0);
    const total = withRows.reduce((n, r) => n + r.rows, 0);
    for (const name of COMPARED) {
      const agree = withRows.reduce((n, r) => n + (r.agree[name] ?? 0), 0);
      expect(agree / total, name).toBeGreaterThanOrEqual(0.995);
      const avg = withRows.reduce((n, r) => n + (r.agree[name] ?? 0) / r.rows, 0) / withRows.length;
      expect(avg, `${name} per-file average`).toBeGreaterThanOrEqual(0.995);
    }
  });
});
