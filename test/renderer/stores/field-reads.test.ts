import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { parseFieldColumn } from '../../../shared/filter/field-column';
import { fieldReads } from '../../../renderer/stores/field-reads';

const readsOf = (text: string) => {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  return fieldReads(r.filter.fields);
};

describe('what a filter\'s fields read beside the dense columns (field-reads.ts)', () => {
  it('names the time differences, the iRTT and push bytes by the fields a filter compares', () => {
    const r = readsOf('frame.time_delta > 0.1 || tcp.time_delta > 1 || tcp.analysis.initial_rtt || tcp.analysis.push_bytes_sent > 0');
    expect([...r.times].sort()).toEqual(['frameDelta', 'tcpDelta']);
    expect(r.initialRtt).toBe(true);
    expect(r.pushBytes).toBe(true);
    expect(r.sparse.size).toBe(0);
  });

  it('reads nothing more for a field name inside a string (a regex on the text took it for the field)', () => {
    const r = readsOf('frame contains "tcp.analysis.initial_rtt frame.time_delta"');
    expect(r.times).toEqual([]);
    expect(r.initialRtt).toBe(false);
  });

  it('works out tcp.time_relative but reads frame.time_relative from the stored rows', () => {
    expect(readsOf('frame.time_relative > 1').times).toEqual([]);
    expect(readsOf('tcp.time_relative > 1').times).toEqual(['tcpRelative']);
  });

  it('expands the sparse columns an address, ack_rtt or a frame reference reads', () => {
    const r = readsOf('ip.addr == 127.0.0.1 && tcp.analysis.ack_rtt > 0 && tcp.analysis.acks_frame == 3 && frame.cap_len < 60');
    expect([...r.sparse].sort()).toEqual(['ackRttNs', 'ackedFrame', 'capCut', 'outerFlow']);
  });

  it('reads the same for a custom column\'s fields as for a filter on them', () => {
    const p = parseFieldColumn('tcp.time_delta or tcp.analysis.initial_rtt', 0);
    if (!p.ok) throw new Error('parse');
    const r = fieldReads(p.column.fields);
    expect(r.times).toEqual(['tcpDelta']);
    expect(r.initialRtt).toBe(true);
  });
});
