/**
 * Statistics ▸ Endpoints over the real stores: the rows, their numbers and their order are tshark's
 * (`tshark -q -z endpoints,tcp`) on captures with several conversations, IPv6 and reused ports; a header sorts; "Filter"
 * applies the endpoint as the display filter, which shows as many packets as tshark's.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import EndpointTable from '../../../renderer/components/EndpointTable.vue';
import { useEndpointsStore } from '../../../renderer/stores/endpoints';
import { useFilterStore } from '../../../renderer/stores/filter';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { captureApp, CORPUS, type CaptureApp } from '../support/capture-app';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');

/** tshark's rows: address, port, packets, bytes, tx packets, tx bytes, rx packets, rx bytes. */
function tsharkRows(file: string, filter = ''): string[][] {
  const out = execFileSync('tshark', ['-r', join(CORPUS, file), '-q', '-z', `endpoints,tcp${filter ? `,${filter}` : ''}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').slice(4, -2).map((l) => l.trim().split(/\s+/));
}

describe('EndpointTable (Statistics ▸ Endpoints)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; document.body.innerHTML = ''; });

  it.skipIf(!hasTshark)('lists tshark\'s TCP endpoints, in its order, with its numbers', async () => {
    for (const file of ['zeek__smtp.pcap', 'zeek__http__206_example_b.pcap', 'zeek__chksums__ip6-tcp-bad-chksum.pcap', 'zeek__tcp__rst-inject-rae.pcap']) {
      app?.disconnect();
      app = await captureApp(file);
      const w = mount(EndpointTable, { global: { plugins: [app.pinia] }, attachTo: document.body });
      const ours = w.findAll('tbody tr').map((tr) => {
        const td = tr.findAll('td');
        const full = (i: number) => (td[i].attributes('title') ?? td[i].text()).replace(/ bytes$/, '').replaceAll(',', '');
        return [td[0].text(), td[1].text(), full(2), full(3), full(4), full(5), full(6), full(7)];
      });
      const want = tsharkRows(file);
      expect(want.length, file).toBeGreaterThan(0);
      expect(ours, file).toEqual(want);
      w.unmount();
    }
  });

  it.skipIf(!hasTshark)('Limit to display filter: tshark\'s -z endpoints,tcp,FILTER rows, in its order', async () => {
    for (const [file, text] of [['zeek__smtp.pcap', 'tcp.len > 0'], ['zeek__http__206_example_b.pcap', 'tcp.analysis.flags'], ['gopacket__cip.pcap', 'frame.number <= 500']]) {
      app?.disconnect();
      app = await captureApp(file);
      const w = mount(EndpointTable, { global: { plugins: [app.pinia] }, attachTo: document.body });
      const box = w.find('input[type=checkbox]');
      expect(box.attributes('disabled'), 'no filter applied yet').toBeDefined();
      const filter = useFilterStore();
      filter.setText(text);
      filter.apply();
      await w.vm.$nextTick();
      await box.setValue(true);
      const ours = w.findAll('tbody tr').map((tr) => {
        const td = tr.findAll('td');
        const full = (i: number) => (td[i].attributes('title') ?? td[i].text()).replace(/ bytes$/, '').replaceAll(',', '');
        return [td[0].text(), td[1].text(), full(2), full(3), full(4), full(5), full(6), full(7)];
      });
      const want = tsharkRows(file, text);
      expect(want.length, `${file} ${text}`).toBeGreaterThan(0);
      expect(ours, `${file} ${text}`).toEqual(want);
      expect(want).not.toEqual(tsharkRows(file));                       // the filter changed something
      w.unmount();
    }
  });

  it.skipIf(!hasTshark)('sorts by a header, and filters on an endpoint as tshark counts it', async () => {
    app = await captureApp('zeek__smtp.pcap');
    useEndpointsStore().open = true;
    const w = mount(EndpointTable, { global: { plugins: [app.pinia] }, attachTo: document.body });
    const ports = () => w.findAll('tbody tr').map((tr) => Number(tr.findAll('td')[1].text()));
    const portHeader = w.findAll('th button').find((b) => b.text().startsWith('Port'))!;
    await portHeader.trigger('click');
    expect(ports()).toEqual([...ports()].sort((a, b) => a - b));
    expect(w.findAll('th')[1].attributes('aria-sort')).toBe('ascending');
    await portHeader.trigger('click');
    expect(ports()).toEqual([...ports()].sort((a, b) => b - a));
    await portHeader.trigger('click');                                        // back to tshark's order
    expect(w.findAll('th')[1].attributes('aria-sort')).toBe('none');
    const first = w.find('tbody tr');
    const [addr, port] = [first.findAll('td')[0].text(), first.findAll('td')[1].text()];
    await first.find('button').trigger('click');
    const text = `ip.addr == ${addr} && tcp.port == ${port}`;
    expect(useFilterStore().appliedText).toBe(text);
    const count = execFileSync('tshark', ['-2', '-r', join(CORPUS, 'zeek__smtp.pcap'), '-Y', text, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim().split('\n').length;
    expect(usePacketsStore().displayCount).toBe(count);
    expect(useEndpointsStore().open).toBe(false);
    w.unmount();
  });
});
