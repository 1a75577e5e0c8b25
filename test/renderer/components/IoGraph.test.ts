import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { seedApp } from '../support/seed-app';
import IoGraph from '../../../renderer/components/IoGraph.vue';

/** zeek__http__206_example_b.pcap: 1,556 packets over 1,532 s, a download with retransmissions in its first seconds. */
describe('IoGraph (Statistics ▸ I/O graph)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('draws all packets and the TCP errors per interval; lines, interval and unit can be changed', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await flushPromises();
    await w.find('footer button.io-graph').trigger('click');
    const dialog = w.find('[role=dialog]');
    expect(dialog.find('h2').text()).toBe('I/O graph');
    expect(dialog.findAll('input.filter').map((i) => (i.element as HTMLInputElement).value)).toEqual(['', 'tcp.analysis.flags']);
    expect(dialog.find('path.line1').attributes('d')).toMatch(/^M\d+ [\d.]+/);
    expect(dialog.find('path.errors').attributes('d')).toMatch(/^M\d+ [\d.]+V[\d.]+/);
    expect(dialog.find('.axis-label').text()).toBe('Packets per 1 s');
    // A click on the first interval selects its first packet.
    const svg = dialog.find('svg');
    await svg.trigger('pointerdown', { clientX: 72 });
    await svg.trigger('pointerup', { clientX: 72 });
    expect(usePacketsStore().selectedFrame).toBe(1);
    // A filter with a problem says so and its line is left out.
    await dialog.findAll('input.filter')[1].setValue('tcp.analysis.nosuch');
    expect(dialog.find('[role=alert]').text()).toContain('tcp.analysis.nosuch');
    expect(dialog.find('path.errors').exists()).toBe(false);
    // contains/matches: the worker searches the packet bytes once the text stands still, then the line is drawn.
    await dialog.findAll('input.filter')[1].setValue('frame contains "GET"');
    expect(dialog.find('[role=status].searching').text()).toBe('searching the packet bytes…');
    for (let i = 0; i < 100 && dialog.find('.searching').exists(); i++) { await new Promise((r) => setTimeout(r, 20)); await flushPromises(); }
    expect(dialog.find('.searching').exists()).toBe(false);
    expect(app.backend.requests.filter((r) => r.name === 'filter.bytes').map((r) => (r.payload as { filter: string }).filter)).toEqual(['frame contains "GET"']);
    expect(dialog.find('path.errors').attributes('d')).toMatch(/^M\d+ [\d.]+/);
    await dialog.findAll('input.filter')[1].setValue('tcp.srcport == 80');
    expect(dialog.find('path.errors').exists()).toBe(true);
    await dialog.find('select[aria-label="Y axis of All packets"]').setValue('bytes');
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('bytes');
    await dialog.find('select[aria-label="Interval"]').setValue('10000000');
    expect(dialog.find('.axis-label').text()).toBe('Bytes per 10 s');
    // A calculation over a Y field: the field is checked as Wireshark checks it, then the line drawn in its unit.
    const field = dialog.find('input[aria-label="Y field of TCP errors"]');
    expect(field.attributes('disabled')).toBeDefined();
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('avg');
    expect(field.attributes('disabled')).toBeUndefined();
    expect(dialog.find('td [role=alert]').text()).toBe('AVG is worked out over a Y field: name one (tcp.len, tcp.analysis.ack_rtt …).');
    expect(dialog.find('path.errors').exists()).toBe(false);
    await field.setValue('tcp.analysis.ack_rt');
    expect(dialog.find('td [role=alert]').text()).toBe("There is no field named 'tcp.analysis.ack_rt'. Did you mean tcp.analysis.ack_rtt?");
    await field.setValue('ip.src');
    expect(dialog.find('td [role=alert]').text()).toBe('"ip.src" doesn\'t have integral or float values. AVG calculations are not supported on it.');
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('fields');
    expect(dialog.find('td [role=alert]').exists()).toBe(false);       // addresses can be counted
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('avg');
    await field.setValue('tcp.analysis.ack_rtt');
    expect(dialog.find('td [role=alert]').exists()).toBe(false);
    expect(dialog.find('path.errors').attributes('d')).toMatch(/^M[\d.]+ [\d.]+/);
    expect(dialog.find('.legend').text()).toContain('TCP errors (tcp.srcport == 80): AVG(tcp.analysis.ack_rtt)');
    // Bytes on the left axis, the seconds on the right one.
    expect(dialog.findAll('.axis-label').map((a) => a.text())).toEqual(['Bytes per 10 s', 'AVG(tcp.analysis.ack_rtt) per 10 s', 'Time (s)']);
    await dialog.find('input[aria-label="Show All packets"]').setValue(false);
    expect(dialog.find('.axis-label').text()).toBe('AVG(tcp.analysis.ack_rtt) per 10 s');
    // As a line over every packet: ACK RTTs in the first 10 s and again from 1,500 s, nothing between — a gap, not a
    // value held across 149 empty intervals.
    await dialog.findAll('input.filter')[1].setValue('');
    await dialog.find('select[aria-label="Style of TCP errors"]').setValue('line');
    expect(dialog.find('path.errors').attributes('d')).toMatch(/^M[\d.]+ [\d.]+H[\d.]+M[\d.]+ [\d.]+/);
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('load');
    await field.setValue('tcp.len');
    expect(dialog.find('td [role=alert]').text()).toBe('LOAD is only supported for relative-time fields (tcp.analysis.ack_rtt, frame.time_delta …).');
    await dialog.find('input[aria-label="Show All packets"]').setValue(true);
    // Copy as CSV: each interval's start and each shown line's value (Wireshark's Copy), an empty cell where AVG has none.
    await dialog.find('select[aria-label="Y axis of TCP errors"]').setValue('avg');
    await field.setValue('tcp.analysis.ack_rtt');
    await dialog.findAll('button').find((b) => b.text() === 'Copy as CSV')!.trigger('click');
    await flushPromises();
    const csv = (await navigator.clipboard.readText()).split('\n');
    expect(csv[0]).toBe('"Interval start","All packets","TCP errors: AVG(tcp.analysis.ack_rtt)"');
    expect(csv[1]).toMatch(/^0,\d+,0\.00\d+$/);                     // 10 s of packets and their average ACK RTT
    expect(csv[2]).toMatch(/^10,\d+,$/);
    expect(csv).toHaveLength(156);                                   // the header, 154 intervals of 10 s, the last newline
    // A moving average over 10 intervals smooths the drawn line (the ACK RTT's average, on its own axis), and says so.
    await dialog.find('select[aria-label="Interval"]').setValue('1000000');
    const before = dialog.find('path.errors').attributes('d');
    await dialog.find('select[aria-label="SMA period of TCP errors"]').setValue('10');
    expect(dialog.find('.legend').text()).toContain('TCP errors: AVG(tcp.analysis.ack_rtt), 10 interval SMA');
    expect(dialog.find('path.errors').attributes('d')).not.toBe(before);
    await dialog.find('select[aria-label="SMA period of TCP errors"]').setValue('0');
    await dialog.find('select[aria-label="Interval"]').setValue('10000000');
    // 1 ms over 1,532 s would be 1.5 million intervals: refused with a reason.
    await dialog.find('select[aria-label="Interval"]').setValue('1000');
    expect(dialog.find('.note[role=alert]').text()).toContain('cuts this capture into 1,532,630 pieces');
    expect(dialog.find('svg').exists()).toBe(false);
    // Lines: up to four, at least one.
    for (let k = 0; k < 3; k++) await dialog.findAll('button').find((b) => b.text() === 'Add line')!.trigger('click');
    expect(dialog.findAll('input.filter')).toHaveLength(4);
    expect(dialog.findAll('button').find((b) => b.text() === 'Add line')!.attributes('disabled')).toBeDefined();
    await dialog.findAll('button').filter((b) => b.text() === 'Remove')[0].trigger('click');
    expect(dialog.findAll('input.filter')).toHaveLength(3);
    await dialog.trigger('keydown', { key: 'Escape' });
    expect(w.find('[role=dialog]').exists()).toBe(false);
    w.unmount();
  });

  it('follows a growing capture, counting again at most once a second', async () => {
    const seed = seedApp();
    vi.useFakeTimers();
    try {
      const w = mount(IoGraph, { global: { plugins: [seed.pinia] } });
      const ticks = () => w.findAll('.tick').map((t) => t.text());
      const before = ticks();
      usePacketsStore().onBatch(seed.seed.batch);               // nine more rows, as a live capture's next batch
      await w.vm.$nextTick();
      expect(ticks()).toEqual(before);                           // not yet
      vi.advanceTimersByTime(1000);
      await w.vm.$nextTick();
      expect(ticks()).not.toEqual(before);                       // the first interval now holds 18 packets
      w.unmount();
    } finally {
      vi.useRealTimers();
      seed.disconnect();
    }
  });
});
