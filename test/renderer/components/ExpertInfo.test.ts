import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ExpertInfo from '../../../renderer/components/ExpertInfo.vue';
import StatusBar from '../../../renderer/components/StatusBar.vue';
import { useExpertStore } from '../../../renderer/stores/expert';
import { useFilterStore } from '../../../renderer/stores/filter';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { seedApp } from '../support/seed-app';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CORPUS } from '../support/capture-app';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';

/** The frames `tshark -Y filter` shows. */
function tsharkFrames(file: string, filter: string): number[] {
  return execFileSync('tshark', ['-r', file.startsWith('/') ? file : join(CORPUS, file), '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').filter(Boolean).map(Number);
}

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
    expect(rows.map((r) => [r[1].replace(/^▸ /, ''), r[3]])).toEqual([
      ['TCP ZeroWindow', '57'], ['TCP Out-Of-Order', '52'], ['TCP ACKed unseen segment', '1'],
      ['TCP Dup ACK', '64'], ['TCP Retransmission', '56'], ['TCP Window Update', '14'],
    ]);
    expect(rows[0][0]).toContain('Warning');
    // A flag opens to list its packets, as tshark finds them; a click selects one.
    await w.findAll('tbody tr')[0].find('button.twisty').trigger('click');
    const packetsRow = () => w.find('tbody tr.packets-row');
    const listed = packetsRow().findAll('.packets li button').map((b) => Number(b.text().slice(1)));
    expect(listed).toEqual(tsharkFrames('zeek__http__206_example_b.pcap', 'tcp.analysis.zero_window'));
    expect(packetsRow().find('.packets li').text()).toMatch(/^#\d+ 192\.168\.72\.14:3254 → 65\.54\.95\.206:80 {2}\[TCP ZeroWindow\]/);
    await packetsRow().findAll('.packets li button')[1].trigger('click');
    expect(usePacketsStore().selectedFrame).toBe(listed[1]);
    expect(useExpertStore().open).toBe(false);
    useExpertStore().open = true;
    await w.findAll('tbody tr')[0].findAll('button').find((b) => b.text() === 'Show')!.trigger('click');
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

  it('lists the ICMP errors about TCP connections as an entry of their own, apart from Wireshark\'s totals, and shows them', async () => {
    const path = writeIcmpErrorCapture();
    app = await captureApp(path);
    const bar = mount(StatusBar, { global: { plugins: [app.pinia] } });
    expect(bar.find('button.expert').text()).not.toContain('50');
    const w = mount(ExpertInfo, { global: { plugins: [app.pinia] } });
    const row = w.findAll('tbody tr').find((r) => r.text().includes('ICMP error about a TCP connection'))!;
    expect(row.findAll('td').map((c) => c.text())[3]).toBe('50');
    expect(row.text()).toContain('Warning');
    await row.find('button.twisty').trigger('click');
    const listed = w.find('tbody tr.packets-row').findAll('.packets li button').map((b) => Number(b.text().slice(1)));
    const shown = tsharkFrames(path, '(icmp || icmpv6) && tcp');
    expect(listed).toEqual(shown);
    await row.findAll('button').find((b) => b.text() === 'Show')!.trigger('click');
    expect(useFilterStore().appliedText).toBe('(icmp || icmpv6) && tcp');
    expect(usePacketsStore().displayCount).toBe(shown.length);
  });
});
