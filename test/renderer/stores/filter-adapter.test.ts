import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { compileFilter } from '../../../shared/filter/compile';
import { toRowSelector } from '../../../renderer/stores/filter-adapter';
import { displayIndex, usePacketsStore } from '../../../renderer/stores/packets';
import { useConversationsStore } from '../../../renderer/stores/conversations';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { requireTool } from '../../support/require-tool';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile } from '../../../electron/capture/pipeline';
import { allocateColumns, COLUMNS } from '../../../shared/ipc/batch-layout';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { freshStoresWithSeed } from '../support/seeded-stores';

function shown(): number[] {
  return Array.from({ length: displayIndex.count }, (_, i) => displayIndex.rowAt(i) + 1);
}

describe('display filter in the packet list (shared/filter compiled filter)', () => {
  beforeEach(() => {
    freshStoresWithSeed();
  });

  const apply = (text: string): void => {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    usePacketsStore().setRowTest(toRowSelector(r.filter));
  };

  it('shows the FIN packets for tcp.flags.fin == 1', () => {
    apply('tcp.flags.fin == 1');
    expect(shown()).toEqual([5, 8]);
    expect(usePacketsStore().displayCount).toBe(2);
  });

  it('shows the duplicate ACK and the window update by analysis field', () => {
    apply('tcp.analysis.duplicate_ack || tcp.analysis.window_update');
    expect(shown()).toEqual([4, 7]);
  });

  it('combines with the selected conversation and with addresses from the flow table', () => {
    apply('ip.src == 127.0.0.1 && tcp.srcport == 8080');
    expect(shown()).toEqual([2, 4, 6, 8]);
    useConversationsStore().select(0);
    expect(shown()).toEqual([2, 4, 6, 8]);
    useConversationsStore().select(1);
    expect(shown()).toEqual([]);
  });
});

/** tshark's frame numbers for rows where `keep(fields)` holds, from the corpus FILE.tshark.tsv. */
function tsharkFrames(file: string, keep: (row: Record<string, string>) => boolean): number[] {
  const [head, ...lines] = readFileSync(`${CORPUS}${file}.tshark.tsv`, 'utf8').replace(/\n+$/, '').split('\n');
  const names = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])))
    .filter(keep).map((r) => Number(r['frame.number']));
}

const hasTshark = requireTool('tshark');
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..', 'shared/corpus') + '/';

describe('fields the renderer keeps no dense column for (tcp.analysis.ack_rtt, tcp.ack without ACK, a tunnel\'s or ICMP error\'s outer IP layer)', () => {
  const load = async (file: string): Promise<void> => {
    setActivePinia(createPinia());
    usePacketsStore().reset();
    useConversationsStore().reset();
    const a = await analyzeFile(`${CORPUS}${file}`);
    useConversationsStore().onFlows({ source: 1, flows: a.flows });
    useConversationsStore().onConversations({ source: 1, conversations: a.conversations });
    // Several batches, as the worker sends them, so the sparse column is appended to and expanded in steps.
    for (let at = 0; at < a.columns.rows; at += 50) usePacketsStore().appendColumns(slice(a.columns, at, Math.min(a.columns.rows, at + 50)));
  };
  const frames = (text: string): number[] => {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    usePacketsStore().setRowTest(toRowSelector(r.filter));
    return Array.from({ length: displayIndex.count }, (_, i) => packetColumns.cols.frame[displayIndex.rowAt(i)]);
  };

  it.each(['gopacket__le__test301.pcapng', 'zeek__tcp__rst-inject-rae.pcap', 'zeek__tcp__fin_retransmission.pcap'])(
    'matches tshark for tcp.analysis.ack_rtt on %s', async (file) => {
      await load(file);
      const rtt = (r: Record<string, string>): number => Number(r['tcp.analysis.ack_rtt']);
      expect(frames('tcp.analysis.ack_rtt')).toEqual(tsharkFrames(file, (r) => r['tcp.analysis.ack_rtt'] !== ''));
      expect(frames('tcp.analysis.ack_rtt > 0.0002')).toEqual(tsharkFrames(file, (r) => r['tcp.analysis.ack_rtt'] !== '' && rtt(r) > 0.0002));
      expect(frames('!tcp.analysis.ack_rtt && tcp')).toEqual(tsharkFrames(file, (r) => r['tcp.stream'] !== '' && r['tcp.analysis.ack_rtt'] === ''));
      expect(packetColumns.ackRtt.count).toBe(tsharkFrames(file, (r) => r['tcp.analysis.ack_rtt'] !== '').length);
    });

  it.skipIf(!hasTshark).each(['zeek__tcp__retransmit-fast009.pcap', 'zeek__tcp__truncated-header.pcap'])(
    'matches tshark for frame.cap_len (kept only where a snapshot length cut) on %s', async (file) => {
      await load(file);
      const tshark = (filter: string): number[] => execFileSync('tshark', ['-r', `${CORPUS}${file}`, '-Y', filter, '-T', 'fields', '-e', 'frame.number'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean).map(Number);
      for (const f of ['frame.cap_len < frame.len', 'frame.cap_len == frame.len', 'frame.cap_len > 100', 'frame.cap_len <= 68']) {
        expect(frames(f), f).toEqual(tshark(f));
      }
      expect(packetColumns.capCut.count).toBe(tshark('frame.cap_len < frame.len').length);
      expect(packetColumns.capCut.count).toBeGreaterThan(0);
    });

  it.each(['zeek__tcp__rst-inject-rae.pcap', 'zeek__tcp__fin_retransmission.pcap'])(
    'matches tshark for tcp.ack on a segment without the ACK flag (the raw field) on %s', async (file) => {
      await load(file);
      const noAck = tsharkFrames(file, (r) => r['tcp.flags'] !== '' && (Number(r['tcp.flags']) & 0x10) === 0 && r['tcp.ack'] !== '0');
      expect(noAck.length).toBeGreaterThan(0);
      const row = packetColumns.indexOfFrame(noAck[0]);
      const ack = packetColumns.cols.ackRel[row];
      expect(ack).toBeGreaterThan(1000); // a raw 32-bit value, not a relative one
      expect(frames(`tcp.ack == ${ack}`)).toEqual(tsharkFrames(file, (r) => r['tcp.ack'] === String(ack)));
    });

  // The TSVs hold the first occurrence (-E occurrence=f): the outer layer's address.
  it('ipv6.src matches the outer IPv6 header of a Geneve tunnel', async () => {
    const file = 'tcpdump__gso-ipv6-geneve-ipv4.pcap';
    await load(file);
    const outer = '2604:1380:4091:ce00::b';             // frame 1's ipv6.src in the TSV
    const expected = tsharkFrames(file, (r) => r['ipv6.src'] === outer);
    expect(expected.length).toBeGreaterThan(0);
    expect(frames(`tcp && ipv6.src == ${outer}`)).toEqual(expected);
    expect(packetColumns.outerFlows.count).toBeGreaterThan(0);
  });

  it('ip.src matches the sender of an ICMP error that quotes a TCP header', async () => {
    const file = 'zeek__smtp.pcap';
    await load(file);
    const quoted = tsharkFrames(file, (r) => r['ip.src'] === '192.168.1.1');
    expect(quoted.length).toBeGreaterThan(0);
    expect(frames('tcp && ip.src == 192.168.1.1')).toEqual(quoted);
  });

  it.skipIf(!hasTshark).each(['zeek__smtp.pcap', 'gopacket__le__test301.pcapng', 'pcapng-test-generator__be__difficult__test202.pcapng', 'zeek__tcp__retransmit-fast009.pcap'])(
    'matches tshark -2 -Y for the time differences worked out over the stored rows, and the iRTT from the summaries, on %s', async (file) => {
      await load(file);
      let matched = 0;
      for (const text of ['tcp.time_delta > 0.05', 'tcp.time_relative >= 1 && tcp.time_delta < 0.001', 'frame.time_delta > 0.01', 'tcp.nxtseq > 1',
        'tcp.analysis.initial_rtt', 'tcp.analysis.initial_rtt > 0.0001 && tcp.len > 0']) {
        const expected = tsharkY(file, text);
        expect(frames(text), text).toEqual(expected);
        matched += expected.length;
      }
      expect(matched).toBeGreaterThan(0);
    });

  it.skipIf(!hasTshark).each(['zeek__tcp__retransmit-fast009.pcap', 'zeek__http__206_example_b.pcap', '../seed/seed-lo0.pcap'])(
    'matches tshark -2 -Y for the frames a segment refers to (expanded from sparse), its RTO, and the window scale from the summaries, on %s',
    async (file) => {
      await load(file);
      const pairs = packetColumns.acked.byteLength + packetColumns.related.byteLength;
      let matched = 0;
      for (const text of ['tcp.analysis.acks_frame', 'tcp.analysis.acks_frame == frame.number', 'tcp.analysis.acks_frame < 5',
        'tcp.analysis.duplicate_ack_frame', 'tcp.analysis.rto > 0.2', 'tcp.analysis.rto_frame < 20', 'tcp.window_size_scalefactor == -2',
        'tcp.window_size_scalefactor == 32', 'tcp.window_size_scalefactor == -1', 'tcp.analysis.push_bytes_sent > 2000',
        'tcp.analysis.push_bytes_sent == tcp.len']) {
        const expected = tsharkY(file, text);
        expect(frames(text), text).toEqual(expected);
        matched += expected.length;
      }
      expect(matched).toBeGreaterThan(0);
      frames('tcp.flags.syn == 1');                       // the expansions and the push-bytes column go when no filter reads them
      expect(packetColumns.acked.byteLength + packetColumns.related.byteLength).toBe(pairs);
      expect(packetColumns.pushBytes.byteLength).toBe(0);
    });

  it('works the time differences out only while a filter names them', async () => {
    await load('gopacket__le__test301.pcapng');
    expect(packetColumns.timeDeltas.byteLength).toBe(0);
    frames('tcp.time_delta > 0.1');                       // one column: 8 bytes a row
    const one = packetColumns.timeDeltas.byteLength;
    expect(one).toBeGreaterThanOrEqual(8 * packetColumns.count);
    frames('tcp.time_delta > 0.1 || frame.time_delta > 1');  // two
    expect(packetColumns.timeDeltas.byteLength).toBeGreaterThanOrEqual(16 * packetColumns.count);
    expect(packetColumns.timeDeltas.byteLength).toBeGreaterThan(one);
    frames('tcp.flags.syn == 1');
    expect(packetColumns.timeDeltas.byteLength).toBe(0);
  });

  it('lets the expanded ACK RTT column go when the applied filter does not use it', async () => {
    await load('gopacket__le__test301.pcapng');
    const sparse = packetColumns.ackRtt.byteLength;
    frames('tcp.analysis.ack_rtt');
    expect(packetColumns.ackRtt.byteLength).toBeGreaterThanOrEqual(sparse + 8 * packetColumns.count);
    frames('tcp.flags.syn == 1');
    expect(packetColumns.ackRtt.byteLength).toBe(sparse);
  });
});

/** The frames `tshark -2 -Y text` shows (live: the corpus TSVs hold no stream times). */
function tsharkY(file: string, text: string): number[] {
  return execFileSync('tshark', ['-2', '-r', `${CORPUS}${file}`, '-Y', text, '-T', 'fields', '-e', 'frame.number'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean).map(Number);
}

function slice(c: PacketColumns, from: number, to: number): PacketColumns {
  const out = allocateColumns(to - from);
  for (const { name } of COLUMNS) (out[name] as Uint32Array).set((c[name] as Uint32Array).subarray(from, to));
  out.rows = to - from;
  return out;
}
