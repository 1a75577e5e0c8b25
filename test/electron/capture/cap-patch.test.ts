/**
 * The SynAck patch to `cap` (patches/cap+0.2.1.patch), exercised on the real addon as rebuilt by
 * scripts/rebuild-cap.mjs: pcap_stats, snaplen and the promiscuous choice are honoured.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CAP_PATCH_LEVEL, loadCap, type CapModule } from '../../../electron/capture/cap-module';
import { requireRoot } from '../../support/require-tool';
import { udpBurst, udpSink, waitFor } from './live-test-traffic';

const root = requireRoot();
const load = loadCap();
const cap = (load.ok ? load.cap : null) as CapModule;

/** The kernel's promiscuity counter of lo (`ip -d link`): +1 per socket holding PACKET_MR_PROMISC. */
function promiscuity(): number {
  return Number(execFileSync('ip', ['-d', 'link', 'show', 'lo'], { encoding: 'utf8' }).match(/promiscuity (\d+)/)![1]);
}

/** Change of lo's promiscuity while a handle opened with `promisc` is open (retried: other tests may capture too). */
function promiscDelta(promisc: boolean, wanted: number): number {
  let delta = NaN;
  for (let i = 0; i < 5 && delta !== wanted; i++) {
    const h = new cap.Cap();
    const before = promiscuity();
    h.open('lo', '', 1 << 20, Buffer.alloc(128), { snaplen: 128, promisc, immediate: true, timeout: 10 });
    delta = promiscuity() - before;
    h.close();
  }
  return delta;
}

describe('patched cap', () => {
  it('is installed and built with the SynAck patch level', () => {
    if (!load.ok && !process.env.CI) return; // cap is optional outside CI
    expect(load.ok ? load.cap.synackPatch : load.reason).toBe(CAP_PATCH_LEVEL);
    expect(typeof cap.Cap.prototype.stats).toBe('function');
  });

  describe.skipIf(!root || !load.ok)('on lo, as root', () => {
    it('counts packets in pcap_stats, cuts them at the snaplen and reports the original length and a ns timestamp', async () => {
      const sink = await udpSink();
      const h = new cap.Cap();
      const buffer = Buffer.alloc(64);
      const got: number[][] = [];
      h.on('packet', (capLen, truncated, tsSec, tsNsec, origLen) => { got.push([capLen, origLen, Number(truncated), tsSec, tsNsec]); });
      h.open('lo', `udp dst port ${sink.port}`, 4 << 20, buffer, { snaplen: 50, promisc: false, immediate: true, timeout: 10 });
      expect(h.stats()).toEqual({ received: 0, dropped: 0, ifDropped: 0 });
      expect(h.datalink()).toBe(1); // DLT_EN10MB on Linux lo
      await udpBurst(5, 300, sink.port);
      await waitFor(() => got.length >= 5, 5000);
      const stats = h.stats();
      h.close();
      sink.close();
      expect(got.map((g) => g.slice(0, 3))).toEqual(Array(5).fill([50, 342, 0]));
      const now = Date.now() / 1000;
      for (const [, , , sec, nsec] of got) {
        expect(Math.abs(sec - now)).toBeLessThan(60);
        expect(nsec).toBeGreaterThanOrEqual(0);
        expect(nsec).toBeLessThan(1e9);
      }
      // lo delivers each packet twice (outgoing and incoming); libpcap counts both and passes one on.
      expect(stats.received).toBeGreaterThanOrEqual(5);
      expect(stats.dropped).toBe(0);
      expect(() => h.stats()).toThrow(/not currently capturing/);
    });

    it('turns promiscuous mode on only when asked', () => {
      expect(promiscDelta(true, 1)).toBe(1);
      expect(promiscDelta(false, 0)).toBe(0);
    });

    it('gives coded errors for a bad filter and an unknown device', () => {
      const codeOf = (dev: string, filter: string): string | undefined => {
        try {
          new cap.Cap().open(dev, filter, 1 << 20, Buffer.alloc(64), { snaplen: 64, promisc: false, immediate: true, timeout: 10 });
        } catch (e) {
          return (e as { code?: string }).code;
        }
        return undefined;
      };
      expect(codeOf('lo', 'tcp port')).toBe('FILTER');
      expect(codeOf('nosuch0', '')).toBe('NO_SUCH_DEVICE');
    });
  });
});
