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
    const cell = (label: string, col = 1) => dialog.findAll('table.figures tbody tr').find((r) => r.find('th').text() === label)!.findAll('td')[col - 1]?.text();
    expect(dialog.find('dd').text()).toContain('zeek__http__206_example_b.pcap');
    expect(cell('Packets')).toBe('1,556');
    expect(cell('Bytes on the wire')).toBe('1,465,547 (1.5 MB)');
    expect(cell('Elapsed')).toContain('(1,532.629459 s)');
    expect(cell('Average packet size')).toBe('941.87 bytes');
    expect(cell('First packet')).toMatch(/^2011-01-1[12] \d\d:08:13\.386451000$/);
    expect(dialog.findAll('table.figures thead th').map((h) => h.text())).not.toContain('Displayed');
    await dialog.trigger('keydown', { key: 'Escape' });
    const filter = useFilterStore();
    filter.setText('tcp.analysis.flags');
    filter.apply();
    await flushPromises();
    await w.find('footer button.file').trigger('click');
    const again = w.find('[role=dialog]');
    expect(again.findAll('table.figures thead th').map((h) => h.text())).toContain('Displayed');
    const shown = again.findAll('table.figures tbody tr').find((r) => r.find('th').text() === 'Packets')!.findAll('td')[1].text();
    expect(shown).toBe('244');                                        // tshark -Y tcp.analysis.flags shows 244
    w.unmount();
  });

  // capinfos -M: pcapng, Ethernet, nanoseconds; section "eCapture Hardware" / "ecapture.lua" with a comment;
  // interfaces ens33, ens33 and docker0 (snaplen 65535), the 32 packets all on docker0.
  it('shows the file as it describes itself: format, encapsulation, hashes, section and interfaces', async () => {
    app = await captureApp('gopacket__le__test300.pcapng');
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await flushPromises();
    await w.find('footer button.file').trigger('click');
    await flushPromises();
    await new Promise((r) => setTimeout(r, 200));
    await flushPromises();
    const dialog = w.find('[role=dialog]');
    const fact = (label: string) => dialog.findAll('.facts dt').find((d) => d.text() === label)?.element.nextElementSibling?.textContent;
    expect(fact('Format')).toBe('Wireshark/... - pcapng');
    expect(fact('Encapsulation')).toBe('Ethernet');
    expect(fact('Time precision')).toBe('nanoseconds');
    expect(fact('SHA256')).toBe('70c8b8da60b72214341c17ae8456dfbff1ac467a42859e1dc087a05cc4cc7d9b');
    expect(fact('Hardware')).toBe('eCapture Hardware');
    expect(fact('Application')).toBe('ecapture.lua');
    expect(fact('Comment')).toContain('ecapture.cc');
    const rows = dialog.findAll('table.ifaces tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows.map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      ['ens33', 'Ethernet', '65,535 bytes', '0'], ['ens33', 'Ethernet', '65,535 bytes', '0'], ['docker0', 'Ethernet', '65,535 bytes', '32'],
    ]);
    expect(dialog.text()).not.toContain('Packet comments');
    w.unmount();
  });

  it('says why the file part is missing when the worker cannot read it, and still shows the figures', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    app.backend.refuse.set('file.properties', { code: 'file.unreadable', message: 'permission denied', fatal: false });
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await flushPromises();
    await w.find('footer button.file').trigger('click');
    await flushPromises();
    const dialog = w.find('[role=dialog]');
    expect(dialog.find('[role=alert]').text()).toBe('The file\'s own properties could not be read: permission denied');
    expect(dialog.findAll('table.figures tbody tr').length).toBeGreaterThan(5);
    w.unmount();
  });
});
