import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { mount } from '@vue/test-utils';
import { useSmokeContract } from '../../../renderer/composables/useSmokeContract';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { parseProbe, smokeState } from '../../../electron/main/smoke';
import { seedApp } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

const Probe = defineComponent({ setup() { useSmokeContract(); return () => h('div'); } });

/** What electron/main/smoke.ts reads from the page (its SMOKE_PROBE_SCRIPT, without a status bar). */
function probe(): unknown {
  const d = document.documentElement.dataset;
  return { packets: d.synackPackets ?? null, conversations: d.synackConversations ?? null, error: d.synackError ?? null, status: null };
}

describe('smoke contract with Electron main', () => {
  let app: SeedApp;
  afterEach(() => app.disconnect());

  it('mirrors the packet and conversation counts onto <html> as they change, until main sees the seed pass', async () => {
    app = seedApp(false);
    const w = mount(Probe, { global: { plugins: [app.pinia] } });
    expect(document.documentElement.dataset.synackPackets).toBe('0');
    expect(smokeState(parseProbe(probe()))).toBe('waiting');
    app.backend.play();
    await nextTick();
    expect(document.documentElement.dataset.synackPackets).toBe('9');
    expect(document.documentElement.dataset.synackConversations).toBe('1');
    expect(document.documentElement.dataset.synackError).toBeUndefined();
    expect(smokeState(parseProbe(probe()))).toBe('passed');
    w.unmount();
  });

  it('sets data-synack-error for a fatal error only, so main fails the smoke run', async () => {
    app = seedApp();
    const w = mount(Probe, { global: { plugins: [app.pinia] } });
    const capture = useCaptureStore();
    capture.onError({ code: 'file.unreadable', message: 'a warning', fatal: false });
    await nextTick();
    expect(document.documentElement.dataset.synackError).toBeUndefined();
    capture.onError({ code: 'transport.closed', message: 'Cannot reach the capture worker', fatal: true });
    await nextTick();
    expect(document.documentElement.dataset.synackError).toBe('Cannot reach the capture worker');
    expect(smokeState(parseProbe(probe()))).toBe('failed');
    w.unmount();
  });
});
