// @vitest-environment node
// (It reads a fixture capture through the real pipeline: happy-dom's URL class cannot turn file URLs into paths.)
import { describe, expect, it } from 'vitest';
import { rowText } from '../../../renderer/format/packet-row';
import { PacketColumnStore } from '../../../renderer/stores/packet-columns';
import { readFileSync } from 'node:fs';
import { CapturePipeline } from '../../../electron/capture/pipeline';
import { allocateColumns, COLUMNS, type PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FlowInfo } from '../../../shared/ipc/flow';
import { writeReassemblyCapture } from '../../fixtures/ip-reassembly-capture';
import { loadSeed } from '../support/seed-capture';
import { execFileSync } from 'node:child_process';
import { writeIcmpErrorCapture } from '../../fixtures/icmp-error-capture';
import { requireTool } from '../../support/require-tool';

const hasTshark = requireTool('tshark');

function seedRows() {
  const seed = loadSeed();
  const store = new PacketColumnStore();
  store.append(seed.columns);
  const ctx = { cols: store.cols, flows: seed.flows, timeMode: 'relative' as const, zone: 'utc' as const };
  return { ctx, text: (r: number) => rowText(ctx, r) };
}

/** Rows of a capture file as the worker sends them (the real pipeline, one batch). */
function fileRows(path: string): (r: number) => ReturnType<typeof rowText> {
  const flows: FlowInfo[] = [];
  const store = new PacketColumnStore();
  const pipeline = new CapturePipeline({
    flows: (f) => { flows.push(...f); },
    batch: (c) => {
      const copy: PacketColumns = allocateColumns(c.rows);
      for (const col of COLUMNS) (copy[col.name] as Uint8Array).set((c[col.name] as Uint8Array).subarray(0, c.rows));
      copy.rows = c.rows;
      store.append(copy);
    },
    conversations: () => {},
  }, { maxDelayMs: 0 });
  const file = readFileSync(path);
  pipeline.push(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
  pipeline.finish();
  pipeline.dispose();
  const byId: FlowInfo[] = [];
  for (const f of flows) byId[f.id] = f;
  const ctx = { cols: store.cols, flows: byId, timeMode: 'relative' as const, zone: 'utc' as const };
  return (r: number) => rowText(ctx, r);
}

describe('packet row text', () => {
  it('names an IP fragment as one, with what it carries, and leaves the TCP columns of a non-TCP row empty', () => {
    const text = fileRows(writeReassemblyCapture());
    expect(text(2).info).toBe('IPv4 fragment of TCP, 138 bytes');     // frame 3: held for reassembly
    expect(text(2)).toMatchObject({ flags: '', seq: '', ack: '', win: '', len: '' });
    expect(text(4).info).toBe('40001 → 80 [PSH, ACK] Seq=1 Ack=1 Win=65535 Len=300');   // frame 5 completes it
    expect(text(4).len).toBe('300');
  });

  it('writes the SYN like Wireshark with the handshake step first', () => {
    const { text } = seedRows();
    const r = text(0);
    expect(r.frame).toBe(1);
    expect(r.source).toBe('127.0.0.1:57273');
    expect(r.destination).toBe('127.0.0.1:8080');
    expect(r.flags).toBe('S');
    expect(r.step).toBe('Handshake 1/3 SYN');
    expect(r.info).toBe('57273 → 8080 [SYN] Seq=0 Win=65535 Len=0');
    expect(r.ack).toBe('');
    expect(r.phase).toBe('handshake');
  });
  it('marks packet 4 as a window update and packet 7 as a duplicate ACK of 3 (Wireshark\'s last non-duplicate ACK)', () => {
    const { text } = seedRows();
    expect(text(3).info).toBe('[TCP Window Update] 8080 → 57273 [ACK] Seq=1 Ack=1 Win=408288 Len=0');
    expect(text(3).severity).toBe('chat');
    expect(text(6).info.startsWith('[TCP Dup ACK 3#1] 57273 → 8080 [ACK] Seq=2 Ack=1')).toBe(true);
    expect(text(6).step).toBe('Close (extra)');
  });
  it('labels the close steps 5, 6, 8, 9', () => {
    const { text } = seedRows();
    expect([4, 5, 7, 8].map((r) => text(r).step)).toEqual(['Close 1/4 FIN', 'Close 2/4 ACK of FIN', 'Close 3/4 peer FIN', 'Close 4/4 last ACK']);
  });
  it('shows relative, delta and absolute time', () => {
    const { ctx } = seedRows();
    expect(rowText(ctx, 8).time).toBe('1249.962023');
    expect(rowText({ ...ctx, timeMode: 'delta' }, 1).time).toBe('0.000135');
    expect(rowText({ ...ctx, timeMode: 'absolute' }, 0).time).toBe('00:35:50.265450');
  });
  it('counts relative time from 0 when tshark\'s frame 1 was a pcapng Custom Block (the first row is frame 2), as frame.time_relative', () => {
    const { ctx } = seedRows();
    const sec = ctx.cols.tsSec[8], nsec = ctx.cols.tsNsec[8];
    for (let r = 0; r < ctx.cols.rows; r++) ctx.cols.frame[r] += 1;
    expect(rowText(ctx, 8).time).toBe(`${sec}.${String(Math.floor(nsec / 1000)).padStart(6, '0')}`);
    expect(rowText({ ...ctx, timeMode: 'delta' }, 1).time).toBe('0.000135');
  });
});

describe.runIf(hasTshark)('ICMP rows against tshark', () => {
  it('show the ICMP message\'s own addresses and tshark\'s Info, also when it quotes a TCP header, whose columns stay filled', () => {
    const path = writeIcmpErrorCapture(), text = fileRows(path);
    const out = execFileSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', '_ws.col.Source', '-e', '_ws.col.Destination',
      '-e', '_ws.col.Protocol', '-e', '_ws.col.Info', '-e', 'tcp.stream', '-e', 'tcp.seq'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const rows = out.split('\n').filter((l) => l !== '').map((l) => l.split('\t')).filter((c) => c[3].startsWith('ICMP'));
    expect(rows.length).toBeGreaterThan(50);
    for (const [frame, source, destination, , info, stream, seq] of rows) {
      const t = text(Number(frame) - 1);
      expect({ source: t.source, destination: t.destination }, `frame ${frame}`).toEqual({ source, destination });
      if (/^Echo/.test(info)) expect(info.startsWith(t.info), `frame ${frame}: ${info}`).toBe(true);
      else expect(t.info, `frame ${frame}`).toBe(info);
      expect(t.stream, `frame ${frame}`).toBe(stream);
      expect(t.seq, `frame ${frame}`).toBe(seq);     // a quoted header's tcp.seq is its raw number, also in an 8-byte quote
    }
  });
});
