/**
 * Find Packet over the real stores, with the worker's byte search served by its own code: the next and previous
 * displayed match after the selected packet, wrapping as Wireshark does, among the displayed packets only; the byte
 * searches find what tshark finds; Find Next reuses a search; problems say what is wrong.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findAgain, useFindStore } from '../../../renderer/stores/find';
import { useFilterStore } from '../../../renderer/stores/filter';
import { useByteSearchStore } from '../../../renderer/stores/byte-search';
import { usePacketsStore } from '../../../renderer/stores/packets';
import { captureApp, CORPUS, type CaptureApp } from '../support/capture-app';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');

function tsharkFrames(file: string, filter: string): number[] {
  const out = execFileSync('tshark', ['-2', '-r', join(CORPUS, file), '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return out === '' ? [] : out.split('\n').map(Number);
}

describe('find store (Find Packet)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it.skipIf(!hasTshark)('walks the matches of a display filter forward and back, wrapping around', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const find = useFindStore(), packets = usePacketsStore();
    const want = tsharkFrames('zeek__http__206_example_b.pcap', 'tcp.analysis.retransmission');
    expect(want.length).toBeGreaterThan(2);
    find.show();
    find.mode = 'filter'; find.text = 'tcp.analysis.retransmission';
    for (const frame of want) {
      expect(await find.find()).toBe(true);
      expect(packets.selectedFrame).toBe(frame);
      expect(find.message).toBe(`Packet ${frame}`);
    }
    expect(await find.find()).toBe(true);                                   // past the last: from the start again
    expect(packets.selectedFrame).toBe(want[0]);
    expect(find.message).toBe(`Packet ${want[0]} (the search reached the end of the list and went on from the start)`);
    expect(await find.find(true)).toBe(true);                               // and back over the start
    expect(packets.selectedFrame).toBe(want.at(-1));
    expect(find.message).toMatch(/reached the start of the list and went on from the end/);
    // Only the displayed packets: with the list showing frames after the second retransmission, the search starts at the third.
    useFilterStore().setText(`frame.number > ${want[1]}`);
    useFilterStore().apply();
    packets.select(null);
    for (const frame of [want[2], want[3]]) {
      expect(await find.find()).toBe(true);
      expect(packets.selectedFrame).toBe(frame);
    }
    expect(await find.find(true)).toBe(true);
    expect(await find.find(true)).toBe(true);                               // the first two are not shown: it wraps
    expect(packets.selectedFrame).toBe(want.at(-1));
  });

  it.skipIf(!hasTshark)('finds strings, hex and regular expressions in the packet bytes through the worker, once per search', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const find = useFindStore(), packets = usePacketsStore();
    const cases = [
      ['string', 'content-range', false, 'frame matches "content-range"'],
      ['string', 'Content-Range', true, 'frame contains "Content-Range"'],
      ['hex', '47 45 54 20', false, 'frame contains 47:45:54:20'],
      ['regex', '^.{54}HTTP/1\\.1 206', false, 'frame matches "^.{54}HTTP/1\\\\.1 206"'],
    ] as const;
    for (const [mode, text, caseSensitive, filter] of cases) {
      packets.select(null);
      find.mode = mode; find.text = text; find.caseSensitive = caseSensitive;
      const want = tsharkFrames('zeek__http__206_example_b.pcap', filter);
      expect(want.length, filter).toBeGreaterThan(0);
      const asked = app.backend.requests.filter((r) => r.name === 'filter.bytes').length;
      for (const frame of want.slice(0, 3)) {
        expect(await find.find(), filter).toBe(true);
        expect(packets.selectedFrame, filter).toBe(frame);
      }
      expect(app.backend.requests.filter((r) => r.name === 'filter.bytes').length - asked, filter).toBe(1);
    }
    // The display filter's own byte search is not touched by Find.
    expect(useByteSearchStore().status).toBe('idle');
  });

  it.skipIf(!hasTshark)('finds a string or regular expression in the text the packet list shows', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const find = useFindStore(), packets = usePacketsStore();
    find.where = 'list';
    find.mode = 'string'; find.text = 'tcp dup ack';                     // Info's "[TCP Dup ACK 12#1]", any case
    expect(await find.find()).toBe(true);
    const want = tsharkFrames('zeek__http__206_example_b.pcap', 'tcp.analysis.duplicate_ack');
    expect(packets.selectedFrame).toBe(want[0]);
    find.caseSensitive = true;
    expect(await find.find()).toBe(false);
    expect(find.problem).toBe('No displayed packet matches.');
    find.mode = 'regex'; find.caseSensitive = false; find.text = 'Handshake 2/3';
    packets.select(null);
    expect(await find.find()).toBe(true);
    expect(packets.selectedFrame).toBe(2);
    find.text = '(';
    expect(await find.find()).toBe(false);
    expect(find.problem).toMatch(/is not a valid regular expression/);
    expect(app.backend.requests.filter((r) => r.name === 'filter.bytes')).toHaveLength(0);
  });

  it('says what is wrong, and Ctrl+N with nothing to find opens the bar', async () => {
    app = await captureApp('zeek__smtp.pcap');
    const find = useFindStore();
    findAgain(false);
    expect(find.open).toBe(true);
    find.mode = 'filter'; find.text = 'tcp.nosuch == 1';
    expect(await find.find()).toBe(false);
    expect(find.problem).toMatch(/tcp\.nosuch/);
    find.mode = 'hex'; find.text = 'zz';
    expect(await find.find()).toBe(false);
    expect(find.problem).toMatch(/is not hex/);
    find.mode = 'filter'; find.text = 'tcp.port == 1';
    expect(await find.find()).toBe(false);
    expect(find.problem).toBe('No displayed packet matches.');
    app.backend.refuse.set('filter.bytes', { code: 'file.unreadable', message: 'the file is gone', fatal: false });
    find.mode = 'string'; find.text = 'SMTP';
    expect(await find.find()).toBe(false);
    expect(find.problem).toBe('Could not search the packet bytes for contains/matches: the file is gone');
    app.backend.refuse.delete('filter.bytes');                             // the worker can answer again: Find tries again
    expect(await find.find()).toBe(true);
    expect(find.problem).toBe('');
    find.hide();
    expect(find.open).toBe(false);
  });
});
