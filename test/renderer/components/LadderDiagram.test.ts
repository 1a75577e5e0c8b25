import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import LadderDiagram from '../../../renderer/components/LadderDiagram.vue';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { seedApp } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';

describe('LadderDiagram', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  it('asks for a conversation until one is selected', () => {
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    expect(w.text()).toContain('Select a conversation');
  });

  it('draws the seed: client left, steps labelled, states pinned, TIME-WAIT end, inferred-state note', async () => {
    useConversationsStore().select(0);
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    await w.vm.$nextTick();
    expect(w.find('.sides').text()).toContain('Client 127.0.0.1:57273');
    expect(w.find('.sides').text()).toContain('Server 127.0.0.1:8080');
    expect(w.text()).toContain('States are inferred from the packets seen at the capture point');
    const segs = w.findAll('[role=listitem]');
    expect(segs).toHaveLength(9);
    expect(segs.map((s) => s.find('.step strong').exists() ? s.find('.step strong').text() : '')).toEqual([
      'Handshake 1/3 SYN', 'Handshake 2/3 SYN-ACK', 'Handshake 3/3 ACK', 'Handshake (extra)', 'Close 1/4 FIN', 'Close 2/4 ACK of FIN', 'Close (extra)', 'Close 3/4 peer FIN', 'Close 4/4 last ACK',
    ]);
    expect(segs[3].text()).toContain('TCP Window Update');
    expect(segs[6].text()).toContain('TCP Dup ACK');
    expect(segs[0].find('.state').text()).toBe('→ SYN-SENT');
    expect(segs[7].text()).toContain('LAST-ACK ←');
    expect(segs[8].text()).toContain('→ TIME-WAIT');
    expect(segs[8].find('.tw').text()).toContain('2×MSL = 120 s');
    expect(segs[8].text()).toContain('CLOSED ←');
    expect(segs[0].classes()).toContain('phase-handshake');
  });

  it('selects the packet of a clicked arrow', async () => {
    useConversationsStore().select(0);
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    await w.findAll('[role=listitem]')[4].trigger('click');
    expect(usePacketsStore().selectedFrame).toBe(5);
  });
});
