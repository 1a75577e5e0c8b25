import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ExpertInfo from '../../../renderer/components/ExpertInfo.vue';
import StatusBar from '../../../renderer/components/StatusBar.vue';
import { useExpertStore } from '../../../renderer/stores/expert';
import { useFilterStore } from '../../../renderer/stores/filter';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { seedApp } from '../support/seed-app';

describe('ExpertInfo', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('the status bar sums the flags up and opens the dialog; "Show" filters the list to a flag\'s packets', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const bar = mount(StatusBar, { global: { plugins: [app.pinia] } });
    expect(bar.find('button.expert').text()).toBe('Expert: ⚠ 110 warnings, 120 notes, 14 chats');
    await bar.find('button.expert').trigger('click');
    expect(useExpertStore().open).toBe(true);
    const w = mount(ExpertInfo, { global: { plugins: [app.pinia] } });
    const rows = w.findAll('tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['TCP ZeroWindow', '57'], ['TCP Out-Of-Order', '52'], ['TCP ACKed unseen segment', '1'],
      ['TCP Dup ACK', '64'], ['TCP Retransmission', '56'], ['TCP Window Update', '14'],
    ]);
    expect(rows[0][0]).toContain('Warning');
    await w.findAll('tbody tr')[0].find('button').trigger('click');
    expect(useFilterStore().appliedText).toBe('tcp.analysis.zero_window');
    expect(usePacketsStore().displayCount).toBe(57);
    expect(useExpertStore().open).toBe(false);
  });

  it('says when nothing is flagged, and the seed\'s dup ACK and window update are a note and a chat', async () => {
    const seed = seedApp();
    try {
      expect(mount(StatusBar, { global: { plugins: [seed.pinia] } }).find('button.expert').text()).toBe('Expert: 1 note, 1 chat');
    } finally {
      seed.disconnect();
    }
    app = await captureApp('scapy__http_tcp_psh.pcap');   // 19 TCP packets, none flagged by tshark either
    expect(mount(ExpertInfo, { global: { plugins: [app.pinia] } }).text()).toContain('No packet carries a TCP analysis flag');
  });
});
