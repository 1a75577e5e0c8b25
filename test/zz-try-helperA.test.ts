import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { forEachRecord } from './support/read-capture';
it('x', () => {
  const dir = '/work/shared/corpus';
  for (const d of [dir, join(dir, 'malformed')]) for (const f of readdirSync(d).filter((n) => /\.pcap(ng)?$/.test(n))) {
    let last = '';
    const res = forEachRecord(join(d, f), (r) => { last = `${r.frame} ${r.tsSec}.${String(r.tsNsec).padStart(9, '0')} ${r.origLen} ${r.capLen}`; });
    console.log(f, res.records, res.problem?.code ?? '-', res.problem?.message ?? '', '|', last);
  }
});
