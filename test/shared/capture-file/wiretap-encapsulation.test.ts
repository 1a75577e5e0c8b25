/** Wireshark's encapsulation names for every link type are capinfos's own (one tiny pcap file per link type). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ENCAPSULATION, encapsulationOf } from '../../../shared/capture-file/wiretap-encapsulation';
import { concat, pcapHeader, pcapRecord } from '../../support/capture-bytes';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

const hasCapinfos = requireTool('capinfos');

describe('encapsulationOf', () => {
  it.skipIf(!hasCapinfos)('names link types 0–300 as capinfos 4.0 does, and those it does not know as Unknown', () => {
    const dir = join(TEST_OUTPUT_DIR, 'encapsulation');
    mkdirSync(dir, { recursive: true });
    let known = 0;
    for (let lt = 0; lt <= 300; lt++) {
      const path = join(dir, `lt-${lt}.pcap`);
      writeFileSync(path, concat(pcapHeader({ linkType: lt, snaplen: 65535 }), pcapRecord(true, 1, 0, new Uint8Array(4))));
      const r = spawnSync('capinfos', ['-M', '-I', path], { encoding: 'utf8' });
      const m = /Encapsulation = (.*) \((\d+) - (.*)\)/.exec(r.stdout);
      const want = m ? { wtap: Number(m[2]), name: m[3], description: m[1] } : UNKNOWN_ENCAPSULATION;
      expect(encapsulationOf(lt), `link type ${lt}`).toEqual(want);
      if (m) known++;
    }
    expect(known).toBeGreaterThan(140);
  });
});
