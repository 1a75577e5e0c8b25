import { describe, expect, it } from 'vitest';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { FlowColumns } from '../../../renderer/stores/flow-columns';
import { ConversationColumns } from '../../../renderer/stores/conversation-columns';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/corpus');

describe('flow and conversation columns', () => {
  // IPv6 and IPv4 flows; gopacket__cip.pcap has conversations with thousands of retransmissions.
  for (const name of ['gopacket__pcap__test_loopback.pcap', 'zeek__ldap__gap-data-missing.pcapng', 'gopacket__cip.pcap', 'zeek__http__206_example_b.pcap']) {
    it(`gives back the worker's flows and summaries unchanged: ${name}`, async () => {
      const a = await analyzeFile(resolve(CORPUS, name));
      const flows = new FlowColumns();
      const convs = new ConversationColumns(flows);
      for (const f of a.flows) flows.set(f);
      for (const c of a.conversations) convs.set(c);
      flows.trim(); convs.trim();
      expect(a.conversations.length).toBeGreaterThan(0);
      expect(flows.length).toBe(Math.max(...a.flows.map((f) => f.id)) + 1);
      for (const f of a.flows) expect(flows.at(f.id)).toEqual(f);
      for (const c of a.conversations) {
        expect(convs.at(c.stream)).toEqual(c);
        expect(convs.completeness(c.stream)).toBe(c.completeness);
      }
      expect(flows.at(flows.length)).toBeUndefined();
      expect(convs.at(-1)).toBeUndefined();
    });
  }

  it('keeps big expert counts exact and replaces a summary on upsert', async () => {
    const a = await analyzeFile(resolve(CORPUS, 'gopacket__cip.pcap'));
    const flows = new FlowColumns();
    const convs = new ConversationColumns(flows);
    for (const f of a.flows) flows.set(f);
    const c = a.conversations.reduce((x, y) => (y.expert.retransmissions > x.expert.retransmissions ? y : x));
    expect(c.expert.retransmissions).toBeGreaterThan(255);
    convs.set(c);
    expect(convs.at(c.stream)!.expert.retransmissions).toBe(c.expert.retransmissions);
    convs.set({ ...c, expert: { ...c.expert, retransmissions: 3 }, end: 'reset' });
    expect(convs.at(c.stream)!.expert.retransmissions).toBe(3);
    expect(convs.at(c.stream)!.end).toBe('reset');
    convs.clear(); flows.clear();
    expect(convs.length).toBe(0);
    expect(convs.at(c.stream)).toBeUndefined();
  });
});
