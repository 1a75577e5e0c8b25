/**
 * Where frame.time_relative counts from: tshark's first frame. That is usually the first packet, but tshark
 * 4.0 also numbers pcapng Custom Blocks as frames; the reader numbers them too without handing them out
 * (shared/capture-file/capture-record.ts), so the first row's frame number is then above 1. wiretap gives
 * such a block no timestamp — time 0 — so every frame.time_relative equals frame.time_epoch in that file
 * (tshark -T fields -e frame.time_relative on pcapng-test-generator's test102/test202 shows exactly that).
 */

/** The origin for a capture whose first row is frame `firstFrame`, captured at (sec, nsec). */
export function frameTimeOrigin(firstFrame: number, sec: number, nsec: number): { sec: number; nsec: number } {
  return firstFrame > 1 ? { sec: 0, nsec: 0 } : { sec, nsec };
}
