/**
 * Which Y fields each I/O graph calculation takes, against tshark's own check of `-z io,stat,…,CALC(FIELD)` (it
 * refuses a calculation its field's type does not support) for a field of every type SynAck has.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFieldUnit, IO_UNITS, takesField, type IoUnit } from '../../../renderer/format/io-graph-units';
import { CORPUS } from '../support/capture-app';

/** Whether tshark accepts CALC(FIELD) in an io,stat column. */
function tsharkAccepts(calc: string, field: string): boolean {
  const r = spawnSync('tshark', ['-r', join(CORPUS, 'zeek__tcp__timestamp.pcap'), '-q', '-z', `io,stat,0,${calc}(${field})${field}`], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0;
}

describe('I/O graph Y fields: which calculations a field takes', () => {
  const FIELDS = ['tcp.len', 'tcp.window_size_scalefactor', 'tcp.analysis.ack_rtt', 'frame.time_delta', 'frame.time_epoch', 'frame.time',
    'ip.src', 'ipv6.addr', 'tcp.flags.syn', 'frame.marked', 'tcp.analysis.retransmission', 'tcp', 'tcp.payload'];
  // MAX, MIN and AVG take what SUM takes, in both (tap-iostat.c register_io_tap, io_graph_item.c check_field_unit).
  const CALCS: [string, IoUnit][] = [['SUM', 'sum'], ['LOAD', 'load'], ['COUNT', 'fields']];

  it.each(FIELDS)('%s: as tshark decides', (field) => {
    for (const [calc, unit] of CALCS) expect(checkFieldUnit(field, unit).ok, `${calc}(${field})`).toBe(tsharkAccepts(calc, field));
  });

  it('names what is missing or wrong, and suggests the nearest field', () => {
    expect(checkFieldUnit('', 'sum')).toEqual({ ok: false, message: 'SUM is worked out over a Y field: name one (tcp.len, tcp.analysis.ack_rtt …).' });
    expect(checkFieldUnit('tcp.lenn', 'max')).toEqual({ ok: false, message: "There is no field named 'tcp.lenn'. Did you mean tcp.len?" });
    expect(checkFieldUnit('synack.phase', 'avg')).toEqual({ ok: false, message: '"synack.phase" doesn\'t have integral or float values. AVG calculations are not supported on it.' });
    expect(checkFieldUnit('synack.phase', 'frames')).toMatchObject({ ok: true });
    expect(checkFieldUnit(' tcp.len ', 'sum')).toMatchObject({ ok: true, def: { name: 'tcp.len' } });
    // Packets, bytes and bits read no field, whatever the box holds.
    expect(checkFieldUnit('nonsense', 'packets')).toEqual({ ok: true, def: null });
    expect(IO_UNITS.filter(([u]) => takesField(u)).map(([, n]) => n)).toEqual(
      ['SUM(Y Field)', 'COUNT FRAMES(Y Field)', 'COUNT FIELDS(Y Field)', 'MAX(Y Field)', 'MIN(Y Field)', 'AVG(Y Field)', 'LOAD(Y Field)']);
  });
});
