import { join } from 'node:path';
import { describe, it } from 'vitest';
import { CORPUS_DIR } from './support/paths';
import { CORPUS_CAPTURES, VARIANT_DIR, editcap, expectSameAsTshark } from './support/corpus-variant';
import { forEachRecord } from './support/read-capture';
import { requireTool } from './support/require-tool';

/**
 * Every corpus file with every k-th frame dropped (`editcap FILE OUT FRAMES…`: lost segments, ACKs of data never
 * seen, lost SYNs and FINs) agrees with live tshark -2 on every -T fields field and with `tshark -z conv,tcp`,
 * no known differences allowed. Found: a retried SYN with the same ISN puts the sender's nextseq back to its
 * contiguous mark (packet-tcp.c #17616), so the retried data after a hole is not a retransmission; an ACK beyond
 * the peer's contiguous mark has an analysis record (and so tshark's iRTT) even when it is not flagged again.
 */
const DROPS = [{ step: 7, first: 7 }, { step: 3, first: 2 }];

describe.skipIf(!(requireTool('tshark') && requireTool('editcap')))('corpus files with frames dropped agree with live tshark', () => {
  it.each(CORPUS_CAPTURES)('%s', (cap) => {
    const frames = forEachRecord(join(CORPUS_DIR, cap), () => {}).records;
    for (const { step, first } of DROPS) {
      const drop: string[] = [];
      for (let k = first; k <= frames; k += step) drop.push(String(k));
      const out = join(VARIANT_DIR, `${cap}.d${step}.pcapng`);
      if (!editcap(cap, out, [], drop)) return;
      expectSameAsTshark(out, `${cap} without every ${step}th frame from ${first}`);
    }
  });
});
