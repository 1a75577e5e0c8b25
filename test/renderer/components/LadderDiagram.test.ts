import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import LadderDiagram from '../../../renderer/components/LadderDiagram.vue';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { seedApp } from '../support/seed-app';
import type { SeedApp } from '../support/seed-app';
import { captureApp } from '../support/capture-app';
import { writeTcpFixtures } from '../../fixtures/tcp/tcp-fixture-builder';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';
import { DEFAULT_MSL_SECONDS } from '../../../renderer/format/ladder-model';
import { packetColumns } from '../../../renderer/stores/packet-columns';

describe('LadderDiagram', () => {
  let app: SeedApp;
  beforeEach(() => { app = seedApp(); });
  afterEach(() => app.disconnect());

  it('asks for a packet or a conversation until one is selected', () => {
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    expect(w.text()).toContain('Select a TCP packet or a conversation');
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

  it('counts a live TIME-WAIT down on one shared timer and then shows the inferred CLOSED', async () => {
    vi.useFakeTimers();
    try {
      const live = seedApp(false);
      live.backend.play('live');
      // The seed's last ACK (frame 9) puts the client in TIME-WAIT: pretend it was captured 30 s ago.
      const r = packetColumns.indexOfFrame(9);
      const sentMs = packetColumns.cols.tsSec[r] * 1000 + packetColumns.cols.tsNsec[r] / 1e6;
      vi.setSystemTime(Math.ceil(sentMs) + 30_000); // the fake clock has whole milliseconds
      useConversationsStore().select(0);
      const w = mount(LadderDiagram, { global: { plugins: [live.pinia] } });
      await w.vm.$nextTick();
      const tw = (): string => w.findAll('[role=listitem]')[8].find('.tw').text();
      const total = 2 * DEFAULT_MSL_SECONDS;
      const clock = (s: number): string => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
      expect(tw()).toBe(`TIME-WAIT ends in ${clock(total - 30)} (2×MSL = ${total} s)`);
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(tw()).toBe(`TIME-WAIT ends in ${clock(total - 31)} (2×MSL = ${total} s)`);
      await vi.advanceTimersByTimeAsync((total - 31) * 1000);
      expect(tw()).toBe(`CLOSED after TIME-WAIT (inferred: 2×MSL = ${total} s passed)`);
      expect(vi.getTimerCount()).toBe(0); // stopped at zero
      w.unmount();
      live.disconnect();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a file\'s TIME-WAIT end time and runs no timer', async () => {
    vi.useFakeTimers();
    try {
      useConversationsStore().select(0);
      const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
      await w.vm.$nextTick();
      expect(w.findAll('[role=listitem]')[8].find('.tw').text()).toMatch(/^until \d\d:\d\d:\d\d \(2×MSL = 120 s\)$/);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** The ladder of conversation 0, scrolled down (60 px a segment) until `frame` is drawn; `at(f)` finds a drawn row. */
async function ladderShowing(app: Awaited<ReturnType<typeof captureApp>>, frame: number) {
  useConversationsStore().select(0);
  const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
  await w.vm.$nextTick();
  const scroller = w.find('.scroller');
  const at = (f: number) => w.findAll('[role=listitem]').find((g) => g.attributes('aria-label')?.startsWith(`Packet ${f}:`));
  for (let index = 0; at(frame) === undefined; index++) {
    (scroller.element as HTMLElement).scrollTop = index * 60;
    await scroller.trigger('scroll');
    if (index > 500) throw new Error(`frame ${frame} never came into view`);
  }
  return { w, at };
}

describe('LadderDiagram re-sent segments', () => {
  it('points a retransmission at its original out of view and scrolls to it on click', async () => {
    // zeek__http__206_example_b.pcap: frame 217 re-sends frame 150, 67 segments earlier in conversation 0.
    const app = await captureApp('zeek__http__206_example_b.pcap');
    try {
      const { w, at } = await ladderShowing(app, 217);
      expect(at(150)).toBeUndefined();
      const stub = at(217)!.find('.resend-stub');
      expect(stub.exists()).toBe(true);
      expect(stub.text()).toBe('↑ re-sends #150');
      expect(at(217)!.find('.resend-link').exists()).toBe(true);
      await stub.trigger('click');
      expect(usePacketsStore().selectedFrame).toBe(150);
      expect(at(150)).toBeDefined();
      expect(at(150)!.classes()).toContain('selected');
      // With the original drawn, the re-send is linked to it instead of stubbed.
      expect(w.findAll('.resend-stub').map((s) => s.text())).not.toContain('↑ re-sends #150');
    } finally {
      app.disconnect();
    }
  });

  it('a re-sent step (a SYN sent again) keeps its caption clear: the stub is an arrow, the label says "re-sends #1"', async () => {
    const app = await captureApp(writeTcpFixtures(mkdtempSync(join(tmpdir(), 'synack-ladder-')))['syn-retries']);
    try {
      const { at } = await ladderShowing(app, 16);
      expect(at(1)).toBeUndefined();
      const row = at(16)!;
      expect(row.find('.step').text()).toContain('1/3');
      const stub = row.find('.resend-stub');
      expect(stub.attributes('aria-label')).toBe('Go to packet 1, the segment packet 16 re-sends');
      expect(stub.find('text').exists()).toBe(false);      // before, "↑ re-sends #1" sat on the caption's line
      expect(row.find('.label').text()).toContain('re-sends #1');
    } finally {
      app.disconnect();
    }
  });
});

describe('LadderDiagram ICMP errors', () => {
  /** The ladder of stream `stream` and its steps' arrows, labels and captions by frame. */
  async function ladderOf(stream: number) {
    const app = await captureApp(writeIcmpErrorCapture());
    useConversationsStore().select(stream);
    const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
    await w.vm.$nextTick();
    const at = (f: number) => w.findAll('[role=listitem]').find((g) => g.attributes('aria-label')?.startsWith(`Packet ${f}:`));
    return { app, w, at };
  }

  it('draws an error quoting the SYN from the network back to the client, with what it means', async () => {
    const { app, at } = await ladderOf(47);   // 10.0.0.1:43000: the server's host answers each SYN with port unreachable
    try {
      const icmp = at(96)!;
      expect(icmp.find('.label').text()).toBe('ICMP Destination unreachable (Port unreachable) about [S] seq 1000');
      const arrow = icmp.find('line.arrow');
      expect(arrow.classes()).toContain('icmp');
      expect([arrow.attributes('x1'), arrow.attributes('x2')]).toEqual(['50%', '22%']);   // toward the client, on the left
      expect(icmp.find('.step').text()).toContain('ICMP error — The server\'s host (10.0.0.2) turns away the client\'s SYN for TCP port 80');
      expect(at(95)!.find('line.arrow').classes()).not.toContain('icmp');
    } finally {
      app.disconnect();
    }
  });

  it('shows an error quoting only the ports, which has no tcp.stream, in the conversation it is about', async () => {
    const { app, w, at } = await ladderOf(3);   // 41003: a router's port unreachable, an 8-byte quote
    try {
      expect(w.findAll('[role=listitem]').map((g) => g.attributes('aria-label')!.split(':')[0])).toEqual(['Packet 7', 'Packet 8']);
      expect(at(8)!.find('.label').text()).toBe('ICMP Destination unreachable (Port unreachable)');
      expect(at(8)!.find('.step').text()).toContain('10.0.0.254 reports port 80 unreachable for a segment of the client\'s');
    } finally {
      app.disconnect();
    }
  });
});

describe('LadderDiagram follows the selected packet', () => {
  it('shows the selected packet\'s conversation without narrowing the list, and narrows it on request', async () => {
    const app = seedApp();
    try {
      const packets = usePacketsStore(), conversations = useConversationsStore();
      packets.select(5);
      const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
      await w.vm.$nextTick();
      expect(w.find('h2').text()).toBe('Conversation #0 of packet 5');
      expect(w.findAll('[role=listitem]')).toHaveLength(9);
      expect(w.findAll('.selected').map((g) => g.attributes('aria-label')?.split(':')[0])).toEqual(['Packet 5']);
      expect(packets.streamFilter).toBeNull();
      const only = () => w.findAll('button').filter((b) => b.text() === 'Only this conversation');
      await only()[0].trigger('click');
      expect(conversations.selectedStream).toBe(0);
      expect(packets.streamFilter).toBe(0);
      expect(w.find('h2').text()).toBe('Conversation #0');
      expect(only()).toHaveLength(0);
    } finally {
      app.disconnect();
    }
  });

  it('switches to another packet\'s conversation, and shows none for a packet outside TCP', async () => {
    // zeek__smtp.pcap: frames 1-2 are DNS over UDP; tcp.stream 0 and 5 are SMTP sessions.
    const app = await captureApp('zeek__smtp.pcap');
    try {
      const packets = usePacketsStore();
      const streamOf = (frame: number): number => packetColumns.cols.stream[packetColumns.indexOfFrame(frame)];
      const firstOf = (stream: number): number => {
        for (let r = 0; r < packetColumns.cols.rows; r++) if (packetColumns.cols.stream[r] === stream) return packetColumns.cols.frame[r];
        throw new Error(`no stream ${stream}`);
      };
      const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
      packets.select(firstOf(5));
      await w.vm.$nextTick();
      expect(w.find('h2').text()).toBe(`Conversation #5 of packet ${firstOf(5)}`);
      expect(streamOf(firstOf(5))).toBe(5);
      packets.select(firstOf(0));
      await w.vm.$nextTick();
      expect(w.find('h2').text()).toBe(`Conversation #0 of packet ${firstOf(0)}`);
      packets.select(1);
      await w.vm.$nextTick();
      expect(w.text()).toContain('Select a TCP packet or a conversation to see its ladder diagram.');
    } finally {
      app.disconnect();
    }
  });

  it('brings a packet selected elsewhere into view in a long conversation', async () => {
    // zeek__http__206_example_b.pcap: conversation 0 has hundreds of segments; frame 217 is far below the first screen.
    const app = await captureApp('zeek__http__206_example_b.pcap');
    try {
      const w = mount(LadderDiagram, { global: { plugins: [app.pinia] } });
      const drawn = (f: number) => w.findAll('[role=listitem]').find((g) => g.attributes('aria-label')?.startsWith(`Packet ${f}:`));
      usePacketsStore().select(3);
      await flushPromises();
      expect(drawn(217)).toBeUndefined();
      usePacketsStore().select(217);
      await flushPromises();
      expect(drawn(217)?.classes()).toContain('selected');
      expect(drawn(3)).toBeUndefined();
    } finally {
      app.disconnect();
    }
  });
});
