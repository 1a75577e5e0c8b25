import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import FlagLegend from '../../../renderer/components/FlagLegend.vue';
import OptionsCard from '../../../renderer/components/OptionsCard.vue';
import StatusBar from '../../../renderer/components/StatusBar.vue';
import CaptureToolbar from '../../../renderer/components/CaptureToolbar.vue';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { useCaptureStore } from '../../../renderer/stores/capture';
import { clearDetailCache } from '../../../renderer/composables/usePacketDetail';
import { seedApp, settle } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

describe('small panels', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); clearDetailCache(); });
  afterEach(() => app.disconnect());

  it('FlagLegend explains S F R P U E W and the dot', () => {
    const w = mount(FlagLegend);
    expect(w.findAll('dt').map((d) => d.find('kbd').text())).toEqual(['F', 'S', 'R', 'P', '.', 'U', 'E', 'W']);
    expect(w.text()).toContain('Acknowledgment');
  });

  it('OptionsCard reads the seed handshake: MSS 16344 both ways, wscale 5, SACK and timestamps, no ECN', async () => {
    useConversationsStore().select(0);
    const w = mount(OptionsCard, { global: { plugins: [app.pinia] } });
    await settle();
    const rows = w.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows[0]).toEqual(['MSS', '16344 bytes', '16344 bytes', 'segments ≤ the peer’s MSS']);
    expect(rows[1].slice(1)).toEqual(['shift 5 (×32)', 'shift 5 (×32)', 'in effect (RFC 7323)']);
    expect(rows[2][3]).toBe('in use (RFC 2018)');
    expect(rows[3][3]).toBe('in use (RFC 7323)');
    expect(rows[4].slice(1)).toEqual(['no', 'no', 'not in use']);
  });

  it('OptionsCard asks for a packet or conversation while none is selected (it does not claim the handshake was missed)', async () => {
    const w = mount(OptionsCard, { global: { plugins: [app.pinia] } });
    await settle();
    expect(w.text()).toContain('Select a TCP packet or a conversation');
    expect(w.text()).not.toContain('not captured');
    useConversationsStore().select(0);
    await settle();
    expect(w.findAll('tbody tr')).toHaveLength(5);
  });

  it('OptionsCard shows the selected packet\'s conversation when no conversation is selected', async () => {
    const w = mount(OptionsCard, { global: { plugins: [app.pinia] } });
    usePacketsStore().select(7);
    await settle();
    expect(w.findAll('tbody tr')[0].findAll('td').map((c) => c.text())).toEqual(['16344 bytes', '16344 bytes', 'segments ≤ the peer’s MSS']);
  });

  it('StatusBar counts packets, displayed and conversations, with the file name', () => {
    useCaptureStore().onSourceStart({ source: 1, kind: 'file', path: '/x/seed-lo0.pcap', iface: null, bytesTotal: 1 });
    const w = mount(StatusBar, { global: { plugins: [app.pinia] } });
    expect(w.attributes('role')).toBe('status');
    expect(w.text()).toContain('seed-lo0.pcap');
    expect(w.text()).toContain('Packets: 9');
    expect(w.text()).toContain('Displayed: 9');
    expect(w.text()).toContain('Conversations: 1');
  });

  it('CaptureToolbar opens a typed path through the backend', async () => {
    const w = mount(CaptureToolbar, { global: { plugins: [app.pinia] } });
    await w.find('input[name=path]').setValue(app.seed.path);
    await w.find('form').trigger('submit');
    await settle();
    expect(app.backend.requests.map((r) => r.name)).toEqual(['file.open']);   // interfaces: after the first open (main.ts)
    expect(useCaptureStore().status).toBe('done');
  });
});
