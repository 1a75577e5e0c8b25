import { describe, expect, it } from 'vitest';
import { complete } from '../../../shared/filter/autocomplete';

const labels = (text: string, cursor?: number) => complete(text, cursor).items.map((i) => i.label);

describe('complete', () => {
  it('suggests fields by prefix, replacing the partial word', () => {
    const r = complete('tcp.flags.s');
    expect(r).toMatchObject({ from: 0, to: 11 });
    expect(r.items.map((i) => i.label)).toEqual(['tcp.flags.syn']);
    expect(r.items[0]).toMatchObject({ kind: 'field', detail: 'synchronize sequence numbers (open)' });
  });

  it('suggests fields after && and (, with the span of the word only', () => {
    expect(complete('tcp && (ip.s')).toMatchObject({ from: 8, to: 12, items: [{ label: 'ip.src' }] });
  });

  it('lists every field for an empty filter, and fields containing the text after those starting with it', () => {
    expect(labels('')).toContain('tcp.analysis.retransmission');
    expect(labels('retrans')).toEqual(['tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.spurious_retransmission']);
  });

  it('suggests operators after a complete field, by the field type', () => {
    expect(labels('tcp.port ')).toEqual(['==', '!=', '>', '<', '>=', '<=', 'in', '&&', '||']);
    expect(labels('frame ')).toEqual(['contains', 'matches', '&&', '||']);
    expect(labels('tcp.analysis.flags ')).toEqual(['&&', '||']);
  });

  it('suggests phase and state values after an operator', () => {
    expect(labels('synack.phase == ')).toEqual(['none', 'handshake', 'data', 'close', 'reset']);
    expect(labels('synack.state == FIN')).toEqual(['FIN-WAIT-1', 'FIN-WAIT-2']);
    expect(complete('synack.state eq fin')).toMatchObject({ from: 16, to: 19 });
  });

  it('suggests values inside a set', () => {
    expect(labels('synack.state in {CLOSED, T')).toEqual(['TIME-WAIT']);
    expect(labels('synack.phase in {data} && ')).toContain('tcp');
  });

  it('suggests 1 and 0 for a boolean flag', () => {
    expect(labels('tcp.flags.syn == ')).toEqual(['1', '0']);
  });

  it('completes at the cursor, not at the end', () => {
    expect(complete('tcp.stre == 1', 8)).toMatchObject({ from: 0, to: 8, items: [{ label: 'tcp.stream' }] });
  });

  it('suggests nothing inside a string or after a bad character', () => {
    expect(labels('frame contains "tc')).toEqual([]);
    expect(labels('tcp $ ')).toEqual([]);
  });
});
