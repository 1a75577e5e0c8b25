import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useFilterStore } from '../../../renderer/stores/filter';
import { captureApp, type CaptureApp } from '../support/capture-app';

/** zeek__http__206_example_b.pcap: 1,556 packets, one download with retransmissions. */
describe('GoToPacket (Ctrl+G)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('opens with Ctrl+G, says when a number is not in the capture or is filtered out, and selects a shown packet', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await flushPromises();
    expect(w.find('form.go-to').exists()).toBe(false);
    await w.find('.app').trigger('keydown', { key: 'g', ctrlKey: true });
    const bar = w.find('form.go-to');
    expect(bar.exists()).toBe(true);
    expect(document.activeElement).toBe(bar.find('input').element);
    const go = async (text: string) => { await bar.find('input').setValue(text); await bar.trigger('submit'); await flushPromises(); };
    await go('99999');
    expect(bar.find('[role=alert]').text()).toBe('There is no packet number 99999: the capture has 1–1556.');
    await go('');
    expect(bar.find('[role=alert]').text()).toBe('Type a packet number (1 or more).');
    const filter = useFilterStore();
    filter.text = 'tcp.analysis.retransmission';
    filter.apply();
    await flushPromises();
    await go('3');
    expect(bar.find('[role=alert]').text()).toBe('Packet 3 is hidden by the display filter.');
    expect(usePacketsStore().selectedFrame).toBeNull();
    await go('#217');                                                      // a retransmission: shown
    expect(usePacketsStore().selectedFrame).toBe(217);
    expect(w.find('form.go-to').exists()).toBe(false);
    expect(w.find('.packet-list [aria-selected=true] [role=gridcell]').text()).toBe('217');
    // Escape closes the bar without going anywhere.
    await w.find('.app').trigger('keydown', { key: 'g', ctrlKey: true });
    await w.find('form.go-to').trigger('keydown', { key: 'Escape' });
    expect(w.find('form.go-to').exists()).toBe(false);
    w.unmount();
  });
});
