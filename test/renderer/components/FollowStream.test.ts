import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import App from '../../../renderer/App.vue';
import FollowStream from '../../../renderer/components/FollowStream.vue';
import { useFollowStore } from '../../../renderer/stores/follow';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { seedApp } from '../support/seed-app';

/** zeek__smtp.pcap stream 0: an SMTP session in clear text; the server (74.53.140.153:25) speaks first. */
describe('FollowStream', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('shows the stream\'s data in order, client and server apart, and selects a piece\'s packet', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const opened = useFollowStore().open(0);
    const w = mount(FollowStream, { global: { plugins: [app.pinia] } });
    await opened;   // the worker's answer: the real follow over the file (its reads are I/O, not microtasks)
    await flushPromises();
    expect(w.find('h2').text()).toBe('Follow TCP stream #0');
    expect(w.find('.ends').text()).toBe('10.10.1.4:1470 → 74.53.140.153:25');
    // tshark -z follow,tcp,yaml,0 lists 19 client and 10 server pieces, with 18 changes of side.
    expect(w.find('.counts').text()).toBe('19 client pkts, 10 server pkts, 18 turns. Click a piece to select its packet.');
    const pieces = w.findAll('pre.piece');
    expect(pieces[0].classes()).toContain('server');
    expect(pieces[0].text()).toMatch(/^220-xc90\.websitewelcome\.com ESMTP Exim/);
    expect(pieces[1].classes()).toContain('client');
    expect(pieces[1].text()).toBe('EHLO GP\r\n'.trim());
    await pieces[1].trigger('click');
    expect(usePacketsStore().selectedFrame).toBe(7);
    // One side only; then as a hex dump, offsets counting the client's bytes.
    await w.find('select[aria-label="Which side"]').setValue('client');
    expect(w.findAll('pre.piece').every((p) => p.classes('client'))).toBe(true);
    await w.find('select[aria-label="Show data as"]').setValue('hex');
    expect(w.findAll('pre.piece')[0].text()).toBe('00000000  45 48 4c 4f 20 47 50 0d  0a                       EHLO GP. .');
    expect(w.findAll('pre.piece')[1].text()).toMatch(/^00000009 {2}41 55 54 48/);   // "AUTH LOGIN" after EHLO's 9 bytes
    // The stream box moves to another stream of the capture (and ignores one it does not have).
    await w.find('input[aria-label="Stream number"]').setValue('99');
    expect(useFollowStore().stream).toBe(0);
    await w.find('input[aria-label="Stream number"]').setValue('5');
    expect(useFollowStore().stream).toBe(5);
    await vi.waitFor(() => expect(useFollowStore().status).toBe('done'));
  });

  it('finds text through the whole stream, marks each match in turn, wraps around, and says when there is none', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const opened = useFollowStore().open(0);
    const w = mount(FollowStream, { global: { plugins: [app.pinia] } });
    await opened;
    await flushPromises();
    const find = w.find('input[aria-label="Find in stream"]');
    await find.setValue('250');
    await find.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    const marked = () => w.findAll('mark.found').map((m) => ({ text: m.text(), piece: m.element.closest('pre')!.textContent! }));
    expect(marked()).toHaveLength(1);
    expect(marked()[0].text).toBe('250');
    const first = marked()[0].piece;
    expect(first).toMatch(/^250-xc90\.websitewelcome\.com Hello GP/);   // the server's reply to EHLO
    // The same piece holds more: the next match is further in it, then in later pieces, then back at the first.
    const seen = new Set<string>();
    for (let k = 0; k < 20; k++) {
      await w.findAll('button').find((b) => b.text() === 'Find next')!.trigger('click');
      await flushPromises();
      seen.add(marked()[0].piece);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(seen.has(first)).toBe(true);
    await find.setValue('no such text');
    await find.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(w.findAll('mark.found')).toHaveLength(0);
    expect(w.text()).toContain('"no such text" is not in the stream as shown.');
    // One side only: the server never sent "AUTH".
    await w.find('select[aria-label="Which side"]').setValue('server');
    await find.setValue('auth login');
    await find.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(w.text()).toContain('is not in the server\'s data as shown.');
  });

  it('says so when a stream has no payload (the seed: handshake and close only)', async () => {
    const seed = seedApp();
    try {
      const opened = useFollowStore().open(0);
      const w = mount(FollowStream, { global: { plugins: [seed.pinia] } });
      await opened;
      await flushPromises();
      expect(w.text()).toContain('This stream carries no payload');
    } finally {
      seed.disconnect();
    }
  });

  it('opens from the ladder\'s button and from Ctrl+Alt+Shift+T, and closes with Escape', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const w = mount(App, { global: { plugins: [app.pinia] }, attachTo: document.body });
    usePacketsStore().select(7);
    await flushPromises();
    await w.findAll('.ladder button').find((b) => b.text() === 'Follow stream')!.trigger('click');
    await vi.waitFor(() => expect(useFollowStore().status).toBe('done'));
    expect(w.find('[role=dialog]').exists()).toBe(true);
    expect(useFollowStore().stream).toBe(0);
    await w.find('[role=dialog]').trigger('keydown', { key: 'Escape' });
    expect(w.find('[role=dialog]').exists()).toBe(false);
    useConversationsStore().select(5);
    await flushPromises();
    await w.find('.app').trigger('keydown', { key: 'T', ctrlKey: true, altKey: true, shiftKey: true });
    expect(useFollowStore().stream).toBe(5);
    await vi.waitFor(() => expect(useFollowStore().status).toBe('done'));
    await flushPromises();
    expect(w.find('[role=dialog] .piece').exists()).toBe(true);
    w.unmount();
  });
});
