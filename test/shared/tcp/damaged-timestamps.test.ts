import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nstimeDelta } from '../../../shared/tcp/nstime';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { MALFORMED_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

/**
 * pcap records whose fraction of a second is 1 s or more: wiretap keeps it unnormalised in 32-bit signed nanoseconds,
 * and nstime_delta subtracts those with C's wrap, so tcp.time_relative, tcp.time_delta, ack_rtt and iRTT print
 * "0.1147483648" or "-0.1000000000" where the instants differ otherwise (tcpdump's timestamp_invalid captures,
 * Suricata's transform-base64-7296).
 */
describe('damaged pcap timestamps', () => {
  it('nstime_delta wraps 32-bit nanoseconds as C does', () => {
    // Frame 3 of timestamp_invalid_nano minus frame 2: 0x80000000 ns (read as −2^31) − 10^9 ns, same second.
    expect(nstimeDelta({ sec: 0, nsec: 0 }, 1418145370, 0x80000000, 1418145370, 1_000_000_000)).toEqual({ sec: 0, nsec: 1147483648 });
    expect(nstimeDelta({ sec: 0, nsec: 0 }, 1418145370, 0, 1418145370, 1_000_000_000)).toEqual({ sec: 0, nsec: -1_000_000_000 });
    expect(nstimeDelta({ sec: 0, nsec: 0 }, 5, 100, 3, 900)).toEqual({ sec: 1, nsec: 999_999_200 });
  });

  it.skipIf(!requireTool('tshark')).each(['tcpdump__timestamp_invalid_micro.pcap', 'tcpdump__timestamp_invalid_nano.pcap'])(
    '%s: every -T fields field and -z conv,tcp agree with tshark', (file) => {
      expectSameAsTshark(join(MALFORMED_DIR, file), file);
    });
});
