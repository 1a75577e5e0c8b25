/**
 * frame.time_relative, frame.time_delta and frame.time_delta_displayed as tshark prints them in -T fields: the time
 * since the first frame, since the previous captured frame and since the previous displayed one, as exact (seconds,
 * ns) differences of wiretap's times (nstime.ts). wiretap's rules (checked on the corpus): frame 1 counts from itself;
 * a frame without a timestamp has none of the three and is time 0 to the next; a pcapng Custom Block, which tshark
 * numbers as a frame but the reader does not hand out, keeps the time of the record before it (0 at the file's
 * start), so a record counts from the one handed out before it. One-pass tshark with -Y sets the previous displayed
 * frame after the filter ran: the first displayed frame counts from itself.
 */
import { frameTimeOrigin } from '../filter/time-origin';
import { nstimeDelta, type NsTime } from './nstime';

export class FrameTimes {
  /** Results of the last `advance` (reused objects); `timed` false: the frame has no timestamp. */
  readonly relative: NsTime = { sec: 0, nsec: 0 };
  readonly delta: NsTime = { sec: 0, nsec: 0 };
  readonly deltaDisplayed: NsTime = { sec: 0, nsec: 0 };
  timed = true;
  private origin: NsTime | null = null;
  private prevSec = 0;
  private prevNsec = 0;
  private shownSec = NaN;
  private shownNsec = 0;

  /** Moves the clock to the next record: frame number, whether it has a timestamp, its wiretap time. */
  advance(frame: number, timed: boolean, sec: number, nsec: number): void {
    this.origin ??= frameTimeOrigin(frame, timed ? sec : 0, timed ? nsec : 0);
    this.timed = timed;
    if (!timed) { this.prevSec = 0; this.prevNsec = 0; return; }
    nstimeDelta(this.relative, sec, nsec, this.origin.sec, this.origin.nsec);
    if (frame === 1) nstimeDelta(this.delta, sec, nsec, sec, nsec);
    else nstimeDelta(this.delta, sec, nsec, this.prevSec, this.prevNsec);
    if (Number.isNaN(this.shownSec)) nstimeDelta(this.deltaDisplayed, sec, nsec, sec, nsec);
    else nstimeDelta(this.deltaDisplayed, sec, nsec, this.shownSec, this.shownNsec);
    this.prevSec = sec; this.prevNsec = nsec;
  }

  /** The frame just advanced to is displayed (printed): later frames' displayed delta counts from it. */
  displayed(): void {
    this.shownSec = this.timed ? this.prevSec : 0;
    this.shownNsec = this.timed ? this.prevNsec : 0;
  }
}
