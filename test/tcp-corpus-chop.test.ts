import { join } from 'node:path';
import { describe, it } from 'vitest';
import { CORPUS_CAPTURES, VARIANT_DIR, editcap, expectSameAsTshark } from './support/corpus-variant';
import { requireTool } from './support/require-tool';

/**
 * Every corpus file with the last bytes of each frame chopped off (`editcap -C -N`: each frame cut at its own length
 * minus N, where a snaplen cuts all at one length) agrees with live tshark -2 on every -T fields field and with
 * `tshark -z conv,tcp`, no known differences allowed. Found: an option cut where tshark's dissector does not read
 * (an MPTCP DSS checksum: analysis shown; shared/wire/tcp-option-reach.ts); more than 256 segments in flight when
 * the peer's ACKs were cut away (tshark remembers 10000); completeness and iRTT from TCP headers quoted in ICMP errors.
 */
const CHOPS = [3, 7, 11];

describe.skipIf(!(requireTool('tshark') && requireTool('editcap')))('corpus files with each frame\'s end chopped agree with live tshark', () => {
  it.each(CORPUS_CAPTURES)('%s', (cap) => {
    for (const chop of CHOPS) {
      const out = join(VARIANT_DIR, `${cap}.chop${chop}.pcapng`);
      if (!editcap(cap, out, ['-C', String(-chop)])) return;
      expectSameAsTshark(out, `${cap} with ${chop} bytes chopped off each frame`);
    }
  });
});
