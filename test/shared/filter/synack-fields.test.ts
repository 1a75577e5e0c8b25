/**
 * synack.phase / synack.step / synack.state have no tshark oracle: they are checked on the seed capture
 * against expectations worked out by hand from its tcpdump text (../shared/seed/seed-lo0.tcpdump-vv.txt):
 *   1 S, 2 S., 3 . (handshake 1/3 2/3 3/3), 4 . window update, 5 F. client FIN, 6 . ACK of FIN,
 *   7 . duplicate ACK (extra), 8 F. server FIN, 9 . last ACK. Client 57273 ends in TIME-WAIT, server CLOSED.
 * States are "after this packet, as seen at the capture point": the server is CLOSE-WAIT once the client's
 * FIN (5) passes; the client is in TIME-WAIT once its ACK of the server's FIN (9) is seen.
 * Plus tcp.* fields on the seed, where tshark's answers are in seed-lo0.tshark.tsv.
 */
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { SEED_PCAP } from '../../support/paths';
import { captureColumns, loadPipeline } from './filter-pipeline';

const { pipeline, missing } = await loadPipeline();

describe.skipIf(pipeline === null)('SynAck-only fields on the seed capture', () => {
  const { cols, ctx } = pipeline ? captureColumns(pipeline, SEED_PCAP) : ({} as ReturnType<typeof captureColumns>);
  const frames = (text: string): number[] => {
    const r = compileFilter(text);
    if (!r.ok) throw new Error(r.error.message);
    const out = new Uint32Array(cols.rows);
    return Array.from(out.subarray(0, r.filter.select(cols, ctx, 0, cols.rows, out)), (row) => cols.frame[row]);
  };

  it('synack.phase and synack.step: handshake steps 1-3, close steps 1-4, no reset', () => {
    expect(frames('synack.phase == handshake && synack.step == 1')).toEqual([1]);
    expect(frames('synack.phase == handshake && synack.step == 2')).toEqual([2]);
    expect(frames('synack.phase == handshake && synack.step == 3')).toEqual([3]);
    expect(frames('synack.phase == close && synack.step == 1')).toEqual([5]);
    expect(frames('synack.phase == close && synack.step == 2')).toEqual([6]);
    expect(frames('synack.phase == close && synack.step == 3')).toEqual([8]);
    expect(frames('synack.phase == close && synack.step == 4')).toEqual([9]);
    expect(frames('synack.phase == reset')).toEqual([]);
    expect(frames('synack.step == 0')).toContain(7); // the duplicate ACK belongs to the close but is no step of it
  });

  it('synack.state: either endpoint after each packet', () => {
    expect(frames('synack.state === ESTABLISHED')).toEqual([3, 4]);
    expect(frames('synack.state == FIN-WAIT-1')).toEqual([5]);
    expect(frames('synack.state == CLOSE-WAIT')).toEqual([5, 6, 7]);
    expect(frames('synack.state == FIN-WAIT-2')).toEqual([6, 7, 8]);
    expect(frames('synack.state == LAST-ACK')).toEqual([8]);
    // The client's move to TIME-WAIT shows when its last ACK (9) is seen; the server is then CLOSED.
    expect(frames('synack.state == TIME-WAIT')).toEqual([9]);
    expect(frames('synack.state == CLOSED')).toEqual([9]);
    expect(frames('synack.state == time_wait && synack.state == CLOSED')).toEqual([9]);
  });

  it('tcp.* fields agree with seed-lo0.tshark.tsv', () => {
    expect(frames('tcp.analysis.window_update')).toEqual([4]);
    expect(frames('tcp.analysis.duplicate_ack')).toEqual([7]);
    expect(frames('tcp.analysis.duplicate_ack_num == 1')).toEqual([7]);
    expect(frames('tcp.analysis.flags')).toEqual([4, 7]);
    expect(frames('tcp.analysis.ack_rtt > 0')).toEqual([2, 3, 6, 9]);
    expect(frames('tcp.seq == 1')).toEqual([3, 4, 5, 6, 8]);
    expect(frames('tcp.flags == 0x002')).toEqual([1]);
    expect(frames('tcp.completeness == 23')).toHaveLength(9);
    expect(frames('tcp.port in {8080, 1..10}')).toHaveLength(9);
  });
});

describe('SynAck-only fields: pipeline', () => {
  it('has the pipeline it needs', () => {
    if (missing.length > 0 && process.env.CI) throw new Error(`synack field tests cannot run: missing ${missing.join('; ')}`);
    if (missing.length > 0) console.warn(`[synack-fields] SKIPPED: missing ${missing.join('; ')}`);
  });
});
