/** Writes hand-built frames as a pcap under test-output/ (one record per frame, a second apart, then 1 µs steps). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { concat, pcapHeader, pcapRecord, type PcapOptions } from './capture-bytes';
import { TEST_OUTPUT_DIR } from './paths';

/** test-output/DIR/NAME.pcap holding `frames` (Ethernet unless `o.linkType` says otherwise); returns its path. */
export function writePcap(dir: string, name: string, frames: Uint8Array[], o: PcapOptions = {}, stepUs = 0): string {
  const out = join(TEST_OUTPUT_DIR, dir);
  mkdirSync(out, { recursive: true });
  const path = join(out, `${name}.pcap`);
  writeFileSync(path, concat(pcapHeader(o), ...frames.map((f, j) => pcapRecord(true, 1000 + j, j * stepUs, f))));
  return path;
}
