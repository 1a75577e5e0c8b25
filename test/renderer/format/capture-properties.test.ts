/** Capture file properties against capinfos(1) -M -S (exact numbers, times in seconds since the epoch). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureFigures } from '../../../renderer/format/capture-properties';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

function capinfos(file: string): Record<string, string> {
  const out = execFileSync('capinfos', ['-M', '-S', join(CORPUS, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return Object.fromEntries(out.split('\n').map((l) => /^([^:]+):\s+(.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m![1].trim(), m![2].trim()]));
}

describe('capture file properties (capinfos)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it.each(['zeek__http__206_example_b.pcap', 'zeek__smtp.pcap', 'gopacket__cip.pcap', 'gopacket__le__test301.pcapng', 'zeek__tcp__timestamp.pcap', 'zeek__mixed-vlan-mpls.pcap'])(
    'agrees with capinfos on %s', async (file) => {
      app = await captureApp(file);
      const c = capinfos(file), f = captureFigures(packetColumns.cols, null);
      expect(f.packets).toBe(Number(c['Number of packets']));
      expect(`${f.dataBytes} bytes`).toBe(c['Data size']);
      const time = (t: { sec: number; nsec: number } | null) => (t ? t.sec + t.nsec / 1e9 : NaN);
      expect(time(f.first)).toBeCloseTo(Number(c['First packet time']), 6);
      expect(time(f.last)).toBeCloseTo(Number(c['Last packet time']), 6);
      expect(f.durationSec).toBeCloseTo(Number(c['Capture duration'].split(' ')[0]), 6);
      // capinfos divides by the difference of the two times as doubles (epoch seconds): its rates carry that rounding
      // (1926611.91 where the exact span gives 1926611.45 on zeek__tcp__timestamp), so compare to a millionth.
      const rate = (key: string) => Number(c[key].split(' ')[0]);
      const close = (ours: number, theirs: number) => expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(Math.max(0.01, theirs * 1e-6));
      close(f.bytesPerSec, rate('Data byte rate'));
      close(f.bitsPerSec, rate('Data bit rate'));
      close(f.packetsPerSec, rate('Average packet rate'));
      expect(f.avgPacketBytes.toFixed(2)).toBe(c['Average packet size'].split(' ')[0]);
      expect(f.strictOrder ? 'True' : 'False').toBe(c['Strict time order']);
    });
});
