/**
 * A UDP header cut by the snaplen at every length from nothing to whole, against `tshark -2 -Y`: packet-udp.c reads
 * both ports before it adds `udp`, so with 0–3 bytes there is no udp at all and with 4–7 the ports alone. Found by
 * running the filter differential on corpus files cut at a snaplen (test/tcp-corpus-snaplen.test.ts cuts them for
 * the TCP fields); SynAck had called every datagram whose IP header names UDP `udp`, and had no ports for a cut one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { CORPUS_DIR, TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from './filter-pipeline';
import { tsharkMatchesOne } from './tshark-filter-oracle';

const { pipeline } = await loadPipeline();
const hasTools = requireTool('tshark') && requireTool('editcap');
const dir = join(TEST_OUTPUT_DIR, 'udp-cut');
mkdirSync(dir, { recursive: true });
/** zeek__smtp.pcap frames 1–2: a DNS query and its answer over Ethernet + IPv4 (34 bytes before UDP). */
const SOURCE = join(CORPUS_DIR, 'zeek__smtp.pcap');
const EXPRESSIONS = ['udp', '!udp', 'udp.port == 53', 'udp.srcport == 56166', 'udp.dstport >= 1024', 'ip', 'frame'];

describe.skipIf(!hasTools || pipeline === null)('a UDP header cut at each length matches tshark -Y', () => {
  it.each(Array.from({ length: 10 }, (_, k) => 34 + k))('%i-byte snaplen', (snaplen) => {
    const path = join(dir, `dns-s${snaplen}.pcapng`);
    execFileSync('editcap', ['-r', '-s', String(snaplen), SOURCE, path, '1-2'], { stdio: 'ignore' });
    const { cols, ctx } = captureColumns(pipeline!, path);
    const out = new Uint32Array(cols.rows);
    for (const text of EXPRESSIONS) {
      const r = compileFilter(text);
      if (!r.ok) throw new Error(`${text} does not compile`);
      const n = r.filter.select(cols, ctx, 0, cols.rows, out);
      expect(Array.from(out.subarray(0, n), (row) => cols.frame[row]), text).toEqual(tsharkMatchesOne(path, text));
    }
  });
});
