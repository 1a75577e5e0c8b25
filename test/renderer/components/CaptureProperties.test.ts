import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import { useFilterStore } from '../../../renderer/stores/filter';
import { captureApp, type CaptureApp } from '../support/capture-app';

/** zeek__http__206_example_b.pcap: capinfos says 1,556 packets, 1,465,547 bytes, 1,532.629459 s. */
describe('CaptureProperties (Statistics ▸ Capture File Properties)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('opens with Ctrl+Alt+Shift+C or the status bar\'s file name, with the displayed packets beside the captured ones', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await flushPromises();
    await w.find('.app').trigger('keydown', { key: 'C', ctrlKey: true, altKey: true, shiftKey: true });
    const dialog = w.find('[role=dialog]');
    expect(dialog.find('h2').text()).toBe('Capture file properties');
    const cell = (label: string, col = 1) => dialog.findAll('tbody tr').find((r) => r.find('th').text() === label)!.findAll('td')[col - 1]?.text();
    expect(dialog.find('dd').text()).toContain('zeek__http__206_example_b.pcap');
    expect(cell('Packets')).toBe('1,556');
    expect(cell('Bytes on the wire')).toBe('1,465,547 (1.5 MB)');
    expect(cell('Elapsed')).toContain('(1,532.629459 s)');
    expect(cell('Average packet size')).toBe('941.87 bytes');
    expect(cell('First packet')).toMatch(/^2011-01-1[12] \d\d:08:13\.386451000$/);
    expect(dialog.findAll('thead th').map((h) => h.text())).not.toContain('Displayed');
    await dialog.trigger('keydown', { key: 'Escape' });
    const filter = useFilterStore();
    filter.setText('tcp.analysis.flags');
    filter.apply();
    await flushPromises();
    await w.find('footer button.file').trigger('click');
    const again = w.find('[role=dialog]');
    expect(again.findAll('thead th').map((h) => h.text())).toContain('Displayed');
    const shown = again.findAll('tbody tr').find((r) => r.find('th').text() === 'Packets')!.findAll('td')[1].text();
    expect(shown).toBe('244');                                        // tshark -Y tcp.analysis.flags shows 244
    w.unmount();
  });
});
