import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import PacketInspector from '../../../renderer/components/PacketInspector.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useViewSettingsStore } from '../../../renderer/stores/view-settings';
import { useFilterStore } from '../../../renderer/stores/filter';
import { useClipboardStore } from '../../../renderer/stores/clipboard';
import { useFlagReasonsStore } from '../../../renderer/stores/flag-reasons';
import { clearDetailCache } from '../../../renderer/composables/usePacketDetail';
import { seedApp, settle } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';
import { captureApp } from '../support/capture-app';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTool } from '../../support/require-tool';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';

const hasTshark = requireTool('tshark');
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/corpus');

describe('PacketInspector (explanation, detail tree, hex view)', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); clearDetailCache(); });
  afterEach(() => app.disconnect());

  it('explains the duplicate ACK and why it was flagged', async () => {
    usePacketsStore().select(7);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    const explain = w.find('[aria-label="About this packet"]');
    expect(explain.text()).toContain('Packet 7 · Close (extra)');
    expect(explain.text()).toContain('Sent by the client');
    expect(explain.text()).toContain('TCP Dup ACK');
    expect(explain.text()).toContain('tcp.analysis.duplicate_ack');
    // The rule with this packet's numbers (the worker's packet.why: a real pass over the file), and the nearest rule
    // that did not fire.
    await vi.waitFor(() => expect(explain.text()).toContain('No data, seq 2 = next expected, ack 1 and window 12759 unchanged since frame 3: duplicate #1.'), { timeout: 20_000 });
    expect(explain.text()).toContain('Not a window update: the window did not change.');
    expect(app.backend.requests.filter((r) => r.name === 'packet.why')).toEqual([{ name: 'packet.why', payload: { frame: 7, stream: 0, analysis: 0x10 } }]);
    // The flag's field applies it as the display filter: the seed's one duplicate ACK.
    await explain.findAll('button.field').find((b) => b.text() === 'tcp.analysis.duplicate_ack')!.trigger('click');
    await settle();
    expect(useFilterStore().appliedText).toBe('tcp.analysis.duplicate_ack');
    expect(usePacketsStore().displayCount).toBe(1);
  });

  it('asks the worker only about flagged packets, keeps its answers, and says so when it cannot answer', async () => {
    const packets = usePacketsStore();
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    const why = useFlagReasonsStore();
    for (const f of [4, 5, 7, 4]) {
      packets.select(f);
      await settle();
      await vi.waitFor(() => expect(why.status).not.toBe('loading'), { timeout: 20_000 });
    }
    expect(app.backend.requests.filter((r) => r.name === 'packet.why').map((r) => r.payload)).toEqual([{ frame: 4, stream: 0, analysis: 0x800 }, { frame: 7, stream: 0, analysis: 0x10 }]);
    expect(w.find('[aria-label="About this packet"]').text()).toContain('the window changed from 65535 to 12759');
    app.backend.refuse.set('packet.why', { code: 'file.unreadable', message: 'the file is gone', fatal: false });
    why.forget();
    packets.select(7);
    await settle();
    await vi.waitFor(() => expect(why.status).toBe('failed'), { timeout: 20_000 });
    await settle();
    const text = w.find('[aria-label="About this packet"]').text();
    expect(text).toContain('The numbers behind the flags could not be worked out: the file is gone');
    expect(text).toContain('Same ack number and window as the previous ACK in this direction, with no data.');   // the rule in words stays
  });

  it.skipIf(!hasTshark)('says how many bytes the sender has in flight, as tshark\'s tcp.analysis.bytes_in_flight', async () => {
    const file = 'zeek__tcp__retransmit-fast009.pcap';
    const bif = new Map(execFileSync('tshark', ['-r', resolve(CORPUS, file), '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.analysis.bytes_in_flight'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]));
    app.disconnect();
    const replay = await captureApp(file);
    app = { ...replay, seed: undefined as never };
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    for (const frame of [7, 8, 9, 1, 3]) {
      usePacketsStore().select(frame);
      await settle();
      const text = w.find('[aria-label="About this packet"]').text();
      const want = bif.get(String(frame)) ?? '';
      if (want === '') expect(text, `frame ${frame}`).not.toContain('Bytes in flight');
      else expect(text, `frame ${frame}`).toMatch(new RegExp(`Bytes in flight: ${Number(want).toLocaleString('en-US')} sent by the (client|server) and not acknowledged yet\\.`));
    }
    expect(bif.get('9')).toBe('5784');
  });

  it('explains an ICMP error for the connection whose header it quotes: what it means, and which of its headers', async () => {
    app.disconnect();
    const replay = await captureApp(writeIcmpErrorCapture());
    app = { ...replay, seed: undefined as never };
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    usePacketsStore().select(96);
    await settle();
    let text = w.find('[aria-label="About this packet"]').text();
    expect(text).toContain('Packet 96 · ICMP error');
    expect(text).toContain('The server\'s host (10.0.0.2) turns away the client\'s SYN for TCP port 80 with ICMP instead of a TCP RST');
    expect(text).toMatch(/It quotes a header the client sent in stream 47 with\s+SYN\./);
    usePacketsStore().select(2);   // an 8-byte quote: no tcp.stream, the flow's stream
    await settle();
    text = w.find('[aria-label="About this packet"]').text();
    expect(text).toContain('10.0.0.254 cannot deliver a segment of the client\'s to the server (Destination unreachable (Network unreachable))');
    expect(text).toMatch(/It quotes a header the client sent in stream 0\s*\./);
  });

  it('shows the Frame row folded, as Wireshark does, and keeps it open across packets once opened', async () => {
    const packets = usePacketsStore();
    packets.select(2);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    const labels = () => w.findAll('[role=treeitem]').map((i) => i.find('.label').text());
    const frame = () => w.findAll('[role=treeitem]')[0];
    expect(frame().find('.label').text()).toBe('Frame 2: 68 bytes on wire (544 bits), 68 bytes captured (544 bits)');
    expect(frame().attributes('aria-expanded')).toBe('false');
    expect(labels()).toContain('Destination Port: 57273');
    await frame().find('.twisty').trigger('click');
    expect(labels()).toContain('Encapsulation type: NULL/Loopback (15)');
    expect(labels()).toContain('[Time since reference or first frame]: 0.000135000 seconds');
    packets.select(3);
    await settle();
    expect(frame().attributes('aria-expanded')).toBe('true');
    expect(labels()).toContain('Frame Number: 3');
    // Its last rows, as tshark --color -V prints them: the coloring rule the packet matches (frame 7 is a dup ACK).
    expect(labels().slice(labels().indexOf('Frame Number: 3'))).toContain('[Coloring Rule Name]: TCP');
    packets.select(7);
    await settle();
    expect(labels()).toContain('[Coloring Rule Name]: Bad TCP');
    expect(labels()).toContain('[Coloring Rule String]: tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack');
  });

  it('shows the TCP conversation rows in their places, as tshark -V, and applies the ACK RTT as a column from them', async () => {
    const packets = usePacketsStore();
    packets.select(7);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    const items = () => w.findAll('[role=treeitem]');
    const labels = () => items().map((i) => i.find('.label').text());
    const open = async (label: string) => {
      const item = items().find((i) => i.find('.label').text().startsWith(label))!;
      if (item.attributes('aria-expanded') === 'false') await item.find('.twisty').trigger('click');
    };
    await open('Transmission Control Protocol');
    await open('[SEQ/ACK analysis]');
    await open('[TCP Analysis Flags]');
    const tcp = labels().slice(labels().findIndex((l) => l.startsWith('Transmission Control Protocol')));
    const at = (l: string) => tcp.indexOf(l);
    expect(tcp.slice(at('Destination Port: 8080'), at('Destination Port: 8080') + 3)).toEqual(
      ['Destination Port: 8080', '[Stream index]: 0', '[Conversation completeness]: Complete, NO_DATA (23)']);
    expect(at('Sequence Number: 2    (relative sequence number)')).toBe(at('Sequence Number (raw): 84347053') - 1);
    expect(at('[Next Sequence Number]: 2    (relative sequence number)')).toBe(at('Sequence Number (raw): 84347053') + 1);
    expect(at('Acknowledgment Number: 1    (relative ack number)')).toBeGreaterThan(0);
    expect(at('[Calculated window size]: 408288')).toBe(at('Window: 12759') + 1);
    expect(at('[Window size scaling factor]: 32')).toBe(at('Window: 12759') + 2);
    expect(tcp.slice(at('[SEQ/ACK analysis]'))).toEqual(['[SEQ/ACK analysis]', '[iRTT]: 0.000149000 seconds', '[TCP Analysis Flags]: TCP Dup ACK',
      '[Duplicate ACK]', '[Duplicate ACK #]: 1', '[Duplicate to the ACK in frame]: 3']);
    // Frame 2 holds the handshake's ACK RTT: Apply as Column from its row.
    packets.select(2);
    await settle();
    await open('[SEQ/ACK analysis]');
    const rtt = items().find((i) => i.find('.label').text() === '[The RTT to ACK the segment was]: 0.000135000 seconds')!;
    await rtt.trigger('contextmenu', { clientX: 20, clientY: 20 });
    const menu = document.body.querySelector<HTMLElement>('.field-menu')!;
    expect(menu.querySelector('.field')!.textContent).toBe('tcp.analysis.ack_rtt == 0.000135000');
    [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')].find((b) => b.getAttribute('aria-label') === 'Apply as Column: tcp.analysis.ack_rtt')!.click();
    expect(useViewSettingsStore().custom.map((c) => c.title)).toEqual(['The RTT to ACK the segment was']);
    w.unmount();
  });

  it('goes to the frame a field names: the segment an ACK covers (double-click), a duplicate ACK\'s original (Enter)', async () => {
    const packets = usePacketsStore();
    packets.select(6);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    const item = (label: string) => w.findAll('[role=treeitem]').find((i) => i.find('.label').text() === label);
    const open = async (label: string) => {
      const it = w.findAll('[role=treeitem]').find((i) => i.find('.label').text().startsWith(label))!;
      if (it.attributes('aria-expanded') === 'false') await it.find('.twisty').trigger('click');
    };
    await open('Transmission Control Protocol');
    await open('[SEQ/ACK analysis]');
    const acks = item('[This is an ACK to the segment in frame]: 5')!;
    expect(acks.find('.label').classes()).toContain('link');
    expect(acks.attributes('title')).toBe('Double-click or Enter: go to packet 5');
    await acks.trigger('dblclick');
    expect(packets.selectedFrame).toBe(5);
    packets.select(7);
    await settle();
    await open('[SEQ/ACK analysis]');
    await item('[Duplicate to the ACK in frame]: 3')!.trigger('click');
    await w.find('[role=tree]').trigger('keydown', { key: 'Enter' });
    expect(packets.selectedFrame).toBe(3);
    // A field that names no frame is no link.
    await settle();
    const port = w.findAll('[role=treeitem]').find((i) => i.find('.label').text().startsWith('Destination Port: '))!;
    expect(port.find('.label').classes()).not.toContain('link');
  });

  it('links a tree field to its bytes and a clicked byte back to its field', async () => {
    usePacketsStore().select(1);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    const items = w.findAll('[role=treeitem]');
    expect(items.map((i) => i.find('.label').text())).toContain('Destination Port: 8080');
    await items.find((i) => i.find('.label').text() === 'Destination Port: 8080')!.trigger('click');
    const on = w.findAll('.bytes .on').map((b) => b.text());
    expect(on).toEqual(['1f', '90']);
    await w.findAll('.bytes .b')[17].trigger('click');
    expect(w.find('[role=treeitem][aria-selected=true] .label').text()).toBe('Source Address: 127.0.0.1');
    expect(w.findAll('.bytes .on').map((b) => b.text())).toEqual(['7f', '00', '00', '01']);
  });

  it('applies or prepares a field as a display filter from its context menu (right-click or Shift+F10)', async () => {
    usePacketsStore().select(1);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    const item = (label: string) => w.findAll('[role=treeitem]').find((i) => i.find('.label').text() === label)!;
    const menu = () => document.body.querySelector<HTMLElement>('.field-menu');
    const choose = (name: string) => [...menu()!.querySelectorAll<HTMLElement>('[role=menuitem]')].find((b) => b.getAttribute('aria-label') === name)!.click();
    await item('Destination Port: 8080').trigger('contextmenu', { clientX: 40, clientY: 50 });
    expect(menu()!.querySelector('.field')!.textContent).toBe('tcp.dstport == 8080');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Apply as Column: tcp.dstport');   // first, as in Wireshark's menu
    choose('Apply as filter: Selected');
    await settle();
    const filter = useFilterStore();
    expect(filter.appliedText).toBe('tcp.dstport == 8080');
    expect(usePacketsStore().displayCount).toBe(5);                      // the client's five packets to port 8080
    expect(menu()).toBeNull();
    // A field without a filter (the raw sequence number) offers Copy only.
    await item('Sequence Number (raw): 84347051').trigger('contextmenu');
    expect([...menu()!.querySelectorAll('[role=group]')].map((g) => g.getAttribute('aria-label'))).toEqual(['Copy']);
    menu()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(menu()).toBeNull();
    // From the keyboard: the selected SYN flag, Shift+F10, "…and not Selected" prepared (not applied).
    await w.findAll('[role=treeitem]').find((i) => i.find('.label').text().startsWith('Flags: 0x002'))!.find('.twisty').trigger('click');
    await item('SYN: Set').trigger('click');
    await w.find('[role=tree]').trigger('keydown', { key: 'F10', shiftKey: true });
    expect(menu()!.querySelector('.field')!.textContent).toBe('tcp.flags.syn == 1');
    choose('Prepare as filter: and not Selected');
    await settle();
    expect(filter.text).toBe('(tcp.dstport == 8080) && !(tcp.flags.syn == 1)');
    expect(filter.appliedText).toBe('tcp.dstport == 8080');
    // Escape closes the menu and gives the focus back to the tree.
    await w.find('[role=tree]').trigger('keydown', { key: 'ContextMenu' });
    menu()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(menu()).toBeNull();
    expect(document.activeElement?.getAttribute('role')).toBe('tree');
    // Apply as Column from the menu, and Ctrl+Shift+I on the selected field: columns titled with Wireshark's field names.
    await item('Destination Port: 8080').trigger('contextmenu');
    choose('Apply as Column: tcp.dstport');
    await item('SYN: Set').trigger('click');
    await w.find('[role=tree]').trigger('keydown', { key: 'I', ctrlKey: true, shiftKey: true });
    expect(useViewSettingsStore().custom.map((c) => [c.title, c.fields])).toEqual([['Destination Port', 'tcp.dstport'], ['Syn', 'tcp.flags.syn']]);
    w.unmount();
  });

  it('copies a field\'s description, name, value, filter and bytes, from its menu and with Wireshark\'s keys', async () => {
    usePacketsStore().select(1);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] }, attachTo: document.body });
    await settle();
    const item = (label: string) => w.findAll('[role=treeitem]').find((i) => i.find('.label').text() === label)!;
    const menu = () => document.body.querySelector<HTMLElement>('.field-menu');
    const copies = () => [...menu()!.querySelectorAll<HTMLElement>('[role=group][aria-label=Copy] [role=menuitem]')];
    const copyVia = async (name: string) => { copies().find((b) => b.getAttribute('aria-label') === `Copy: ${name}`)!.click(); await settle(); };
    const clipboard = useClipboardStore();
    await item('Destination Port: 8080').trigger('contextmenu', { clientX: 40, clientY: 50 });
    expect(copies().map((b) => b.textContent!.trim())).toEqual(
      ['Description', 'Field Name', 'Value', 'As Filter', 'Bytes as Hex + ASCII Dump', 'Bytes as Hex Stream', 'All Visible Items']);
    await copyVia('Field Name');
    expect(await navigator.clipboard.readText()).toBe('tcp.dstport');
    expect(clipboard.message).toBe('Copied Field Name (tcp.dstport)');
    expect(menu()).toBeNull();
    for (const [name, text] of [['Description', 'Destination Port: 8080'], ['Value', '8080'], ['As Filter', 'tcp.dstport == 8080'],
      ['Bytes as Hex Stream', '1f90'], ['Bytes as Hex + ASCII Dump', `001a  1f 90 ${'   '.repeat(14)}  ..`]] as const) {
      await item('Destination Port: 8080').trigger('contextmenu');
      await copyVia(name);
      expect(await navigator.clipboard.readText(), name).toBe(text);
    }
    // All Visible Items: the shown lines, four spaces a level, as Wireshark copies them.
    await item('Destination Port: 8080').trigger('contextmenu');
    await copyVia('All Visible Items');
    const lines = (await navigator.clipboard.readText()).split('\n');
    expect(lines).toHaveLength(w.findAll('[role=treeitem]').length);
    expect(lines).toContain('    Destination Port: 8080');
    expect(lines[0]).toBe(w.findAll('[role=treeitem] .label')[0].text());
    expect(clipboard.message).toBe('Copied All Visible Items');
    // Wireshark's keys on the selected field: Ctrl+Shift+V the value, +C as filter, +F the field name, +D the description.
    await item('Source Port: 57273').trigger('click');
    const tree = w.find('[role=tree]');
    for (const [code, text] of [['KeyV', '57273'], ['KeyC', 'tcp.srcport == 57273'], ['KeyF', 'tcp.srcport'], ['KeyD', 'Source Port: 57273']]) {
      await tree.trigger('keydown', { key: code.slice(3), code, ctrlKey: true, shiftKey: true });
      await settle();
      expect(await navigator.clipboard.readText(), code).toBe(text);
    }
    // A clipboard that refuses says so in the status bar, and the last good copy stays.
    const real = navigator.clipboard.writeText;
    navigator.clipboard.writeText = () => Promise.reject(new Error('Write permission denied.'));
    await tree.trigger('keydown', { key: 'V', code: 'KeyV', ctrlKey: true, shiftKey: true });
    await settle();
    navigator.clipboard.writeText = real;
    expect(clipboard.message).toBe('Could not copy Value: Write permission denied.');
    expect(clipboard.failed).toBe(true);
    expect(await navigator.clipboard.readText()).toBe('Source Port: 57273');
    w.unmount();
  });

  it('walks the tree with the keyboard and collapses a node', async () => {
    usePacketsStore().select(1);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    const tree = w.find('[role=tree]');
    await tree.trigger('keydown', { key: 'Home' });
    await tree.trigger('keydown', { key: 'ArrowDown' });
    await tree.trigger('keydown', { key: 'ArrowDown' });
    expect(w.find('[role=treeitem][aria-selected=true] .label').text()).toBe('Family: 2');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    expect(w.find('[role=treeitem][aria-selected=true] .label').text()).toBe('Null/Loopback: family 2');
    await tree.trigger('keydown', { key: 'ArrowLeft' });
    expect(w.find('[role=treeitem][aria-selected=true]').attributes('aria-expanded')).toBe('false');
  });

  it('shows hex and ASCII for 16 bytes a line', async () => {
    usePacketsStore().select(3);
    const w = mount(PacketInspector, { global: { plugins: [app.pinia] } });
    await settle();
    expect(w.findAll('.line')).toHaveLength(4);
    expect(w.find('.offset').text()).toBe('0000');
  });
});
