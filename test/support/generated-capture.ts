import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_OUTPUT_DIR, TOOLS_DIR } from './paths';

/**
 * A synthetic capture from ../shared/tools/gen-pcap.mjs (deterministic per seed), cached under
 * test-output/ so repeated runs do not regenerate it. Returns its path.
 */
export function generatedCapture(packets: number, seed = 7, payloadBytes = 200): string {
  mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
  const out = join(TEST_OUTPUT_DIR, `gen-${packets}-s${seed}-p${payloadBytes}.pcap`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync(process.execPath, [join(TOOLS_DIR, 'gen-pcap.mjs'), '--out', tmp, '--packets', String(packets),
      '--seed', String(seed), '--payload-bytes', String(payloadBytes)], { stdio: 'ignore' });
    execFileSync('mv', [tmp, out]);
  }
  return out;
}
