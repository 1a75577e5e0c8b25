import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import StreamGraph from '../../../renderer/components/StreamGraph.vue';
import LadderDiagram from '../../../renderer/components/LadderDiagram.vue';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { conversationTable } from '../../../renderer/stores/conversations';
import { endpointText } from '../../../shared/format/conversation-words';
import { captureApp, type CaptureApp } from '../support/capture-app';

/** happy-dom lays nothing out: the svg's box is at 0, 0, so clientX is the plot's x (800 × 300 by default). */
describe('StreamGraph', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  const mountGraph = async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const c = conversationTable.at(0)!;
    const ends: [string, string] = [endpointText(c.addrA, c.portA), endpointText(c.addrB, c.portB)];
    return mount(StreamGraph, { props: { rows: streamRows(0), ends, clientDir: c.clientDir }, global: { plugins: [app.pinia] } });
  };

  it('draws the side that sent more (the server of a download), with re-sent segments apart', async () => {
    const w = await mountGraph();
    const side = w.find('select[aria-label="Data sent by"]');
    expect((side.element as HTMLSelectElement).selectedIndex).toBe(0);   // "the side that sent more"
    expect(w.find('.legend').text()).toContain('data of the server');
    expect(w.find('path.data').attributes('d')).toMatch(/^M\d+ [\d.]+V[\d.]+/);
    expect(w.find('path.resent').attributes('d')).not.toBe('');
    expect(w.find('path.ack').attributes('d')).toMatch(/^M\d+ [\d.]+(H\d+V[\d.]+|V[\d.]+)+$/);
    // Binned per pixel column: never more bars than the plot is wide.
    expect((w.find('path.data').attributes('d')!.match(/M/g) ?? []).length).toBeLessThanOrEqual(800);
    const client = conversationTable.at(0)!.clientDir;
    await side.setValue(String(client));
    expect(w.find('.legend').text()).toContain('data of the client');
    expect(side.text()).toContain('client 192.168.72.14:3254 (580 bytes)');   // its payload, as the summary counts it
  });

  it('switches to every segment at its sequence number (Wireshark\'s Stevens graph)', async () => {
    const w = await mountGraph();
    await w.find('select[aria-label="Graph"]').setValue('stevens');
    expect(w.find('.legend').text()).toContain('segments of the server');
    expect(w.find('path.data').classes()).toContain('dots');
    expect(w.find('path.resent').attributes('d')).not.toBe('');
    expect(w.find('path.ack').exists()).toBe(false);
    expect(w.find('.axis-label').text()).toBe('Sequence number (B)');
  });

  it('switches to bytes in flight against the receive window (Wireshark\'s Window Scaling graph)', async () => {
    const w = await mountGraph();
    const before = w.find('path.data').attributes('d');
    await w.find('select[aria-label="Graph"]').setValue('window');
    expect(w.find('.legend').text()).toContain('bytes in flight of the server');
    expect(w.find('path.data').classes()).toContain('dots');
    expect(w.find('path.data').attributes('d')).not.toBe(before);
    expect(w.find('path.window').exists()).toBe(false);               // no window-edge line in this graph
  });

  it('the throughput graph: segment lengths, a throughput line on a right-hand axis in bits/s, goodput on request', async () => {
    const w = await mountGraph();
    await w.find('select[aria-label="Graph"]').setValue('throughput');
    expect(w.find('path.data').classes()).toContain('dots');
    expect(w.find('path.tput').attributes('d')).toMatch(/^M\d+ [\d.]+(H\d+V[\d.]+|V[\d.]+)+$/);
    expect(w.find('path.gput').exists()).toBe(false);
    expect(w.findAll('.tick.right').map((t) => t.text()).some((t) => /bit\/s$/.test(t))).toBe(true);
    expect(w.find('.axis-label.right').text()).toBe('Average throughput (bits/s)');
    const before = w.find('path.tput').attributes('d');
    await w.find('input[aria-label="Average over seconds"]').setValue('0.1');
    expect(w.find('path.tput').attributes('d')).not.toBe(before);
    await w.findAll('label').find((l) => l.text() === 'goodput')!.find('input').setValue(true);
    expect(w.find('path.gput').attributes('d')).not.toBe('');
    expect(w.find('.legend').text()).toContain('goodput: bytes the client ACKed (0.1 s average)');
  });

  it('the round trip time graph, over time or over sequence numbers; a click picks the timed segment', async () => {
    const w = await mountGraph();
    await w.find('select[aria-label="Graph"]').setValue('rtt');
    expect(w.find('.axis-label').text()).toBe('Round-trip time (ms)');
    expect(w.findAll('.tick').some((t) => t.text().endsWith(' ms'))).toBe(true);
    const byTime = w.find('path.data').attributes('d');
    await w.findAll('label').find((l) => l.text() === 'by sequence number')!.find('input').setValue(true);
    expect(w.find('path.data').attributes('d')).not.toBe(byTime);
    expect(w.findAll('.axis-label').map((t) => t.text())).toContain('Sequence number (B)');
    const svg = w.find('svg');
    await svg.trigger('pointerdown', { clientX: 72 });                // the axis: sequence number 0
    await svg.trigger('pointerup', { clientX: 72 });
    expect(usePacketsStore().selectedFrame).toBe(5);                    // the server's first data segment, timed
  });

  it('a click selects the nearest segment\'s packet; a drag zooms in and "Whole span" zooms out', async () => {
    const w = await mountGraph();
    const svg = w.find('svg');
    await svg.trigger('pointerdown', { clientX: 73 });
    await svg.trigger('pointerup', { clientX: 73 });
    expect(usePacketsStore().selectedFrame).toBe(5);                    // the server's first data segment
    expect(w.find('circle.selected').exists()).toBe(true);
    const ticksBefore = w.findAll('.tick').map((t) => t.text());
    await svg.trigger('pointerdown', { clientX: 80 });
    await svg.trigger('pointermove', { clientX: 120 });
    expect(w.find('rect.span').exists()).toBe(true);
    await svg.trigger('pointerup', { clientX: 120 });
    expect(w.findAll('.tick').map((t) => t.text())).not.toEqual(ticksBefore);
    await w.findAll('button').find((b) => b.text() === 'Whole span')!.trigger('click');
    expect(w.findAll('.tick').map((t) => t.text())).toEqual(ticksBefore);
  });

  it('the ladder pane switches between the ladder and the graph of the shown conversation', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    usePacketsStore().select(12);
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    await w.vm.$nextTick();
    await w.findAll('button').find((b) => b.text() === 'Graphs')!.trigger('click');
    expect(w.find('.stream-graph svg').exists()).toBe(true);
    expect(w.find('[role=list]').exists()).toBe(false);
    await w.findAll('button').find((b) => b.text() === 'Ladder')!.trigger('click');
    expect(w.find('[role=list]').exists()).toBe(true);
  });
});
