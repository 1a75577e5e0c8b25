import { describe, expect, it } from 'vitest';
import { combineFilter, FILTER_ACTIONS } from '../../../renderer/format/filter-action';
import { compileFilter } from '../../../shared/filter/compile';

describe('Apply / Prepare as Filter actions', () => {
  it('joins the field\'s filter to the bar\'s as Wireshark writes it', () => {
    const f = 'tcp.srcport == 80', cur = 'ip.addr == 10.0.0.1';
    expect(combineFilter('selected', f, cur)).toBe('tcp.srcport == 80');
    expect(combineFilter('not', f, cur)).toBe('!(tcp.srcport == 80)');
    expect(combineFilter('and', f, cur)).toBe('(ip.addr == 10.0.0.1) && (tcp.srcport == 80)');
    expect(combineFilter('or', f, cur)).toBe('(ip.addr == 10.0.0.1) || (tcp.srcport == 80)');
    expect(combineFilter('andNot', f, cur)).toBe('(ip.addr == 10.0.0.1) && !(tcp.srcport == 80)');
    expect(combineFilter('orNot', f, cur)).toBe('(ip.addr == 10.0.0.1) || !(tcp.srcport == 80)');
  });

  it('with an empty bar, the joined forms are the field\'s filter alone (or its negation), and every result compiles', () => {
    expect(combineFilter('and', 'tcp', '  ')).toBe('tcp');
    expect(combineFilter('orNot', 'tcp', '')).toBe('!(tcp)');
    for (const { action } of FILTER_ACTIONS) {
      for (const cur of ['', 'tcp.port in {80, 443} or udp']) {
        const r = compileFilter(combineFilter(action, 'tcp.flags.syn == 1', cur));
        expect(r.ok, `${action} on "${cur}"`).toBe(true);
      }
    }
  });
});
