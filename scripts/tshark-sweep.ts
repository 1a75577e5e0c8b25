/**
 * Differential sweep: every capture in DIR against live tshark -2 on every -T fields field SynAck prints and on
 * -z conv,tcp (test/support/corpus-variant.ts expectSameAsTshark), one line per file appended to LOG ("OK name" or
 * "FAIL name: first differences"). For finding what the corpus lacks in captures nobody wrote for us:
 *   node bin/run-ts.mjs scripts/tshark-sweep.ts DIR LOG      (FROM=n skips the first n files; TOPTS="-o …" adds tshark options)
 * DEVELOPERS.md lists the repositories swept so far and what they found.
 */
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expectSameAsTshark } from '../test/support/corpus-variant';
const dir = process.argv[2];
const log = process.argv[3];
const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).size > 24).sort();
const from = Number(process.env.FROM ?? 0);
let n = 0;
for (const f of files.slice(from)) {
  n++;
  const path = join(dir, f);
  let line: string;
  try { expectSameAsTshark(path, f, (process.env.TOPTS ?? '').split(' ').filter(Boolean)); line = `OK ${f}`; }
  catch (e) { line = `FAIL ${f}: ${(e as Error).message.split('\n').slice(0, 14).join(' | ').slice(0, 1500)}`; }
  appendFileSync(log, line + '\n');
}
console.log('done', n);
