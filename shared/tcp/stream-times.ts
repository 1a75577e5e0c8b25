/**
 * tcp.time_relative and tcp.time_delta (packet-tcp.c tcp_calculate_timestamps): the time since the first and
 * since the previous packet of the same tcp.stream. Fed once per TCP row in file order (ICMP-quoted headers
 * included: tshark counts them in their stream's clock too); the values are the same with and without -2,
 * since tshark stores them per packet on its first pass. Times are kept as (seconds, nanoseconds) pairs in
 * typed arrays indexed by stream, and the results are exact (seconds, ns) differences at any span (nstime.ts).
 */
import { nstimeDelta, type NsTime } from './nstime';

export class StreamTimes {
  /** Results of the last `advance` (reused objects). */
  readonly relative: NsTime = { sec: 0, nsec: 0 };
  readonly delta: NsTime = { sec: 0, nsec: 0 };
  private firstSec = new Float64Array(64);
  private firstNsec = new Float64Array(64);
  private prevSec = new Float64Array(64);
  private prevNsec = new Float64Array(64);
  private seen = new Uint8Array(64);

  /** Moves stream `stream`'s clock to a packet at (sec, nsec) and sets `relative` and `delta` for it. */
  advance(stream: number, sec: number, nsec: number): void {
    if (stream >= this.seen.length) this.grow(stream + 1);
    if (!this.seen[stream]) {
      this.seen[stream] = 1;
      this.firstSec[stream] = sec; this.firstNsec[stream] = nsec;
      this.prevSec[stream] = sec; this.prevNsec[stream] = nsec;
    }
    nstimeDelta(this.relative, sec, nsec, this.firstSec[stream], this.firstNsec[stream]);
    nstimeDelta(this.delta, sec, nsec, this.prevSec[stream], this.prevNsec[stream]);
    this.prevSec[stream] = sec; this.prevNsec[stream] = nsec;
  }

  /** Bytes held. */
  get byteLength(): number { return this.seen.byteLength * 33; }

  private grow(min: number): void {
    const n = Math.max(min, this.seen.length * 2);
    const more = <T extends Float64Array | Uint8Array>(old: T, fresh: T): T => { fresh.set(old as never); return fresh; };
    this.firstSec = more(this.firstSec, new Float64Array(n));
    this.firstNsec = more(this.firstNsec, new Float64Array(n));
    this.prevSec = more(this.prevSec, new Float64Array(n));
    this.prevNsec = more(this.prevNsec, new Float64Array(n));
    this.seen = more(this.seen, new Uint8Array(n));
  }
}
