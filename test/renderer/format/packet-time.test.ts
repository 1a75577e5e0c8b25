import { describe, expect, it } from 'vitest';
import { dateTime, nsBetween, secondsBetween, secondsText, timeFormat, timeOfDay } from '../../../renderer/format/packet-time';

describe('packet time', () => {
  it('prints the seed\'s first packet time of day in UTC like tcpdump -tttt would', () => {
    expect(timeOfDay(1627864550, 265450000, 'utc')).toBe('00:35:50.265450');
    expect(dateTime(1627864550, 265450000, 'utc')).toBe('2021-08-02 00:35:50.265450');
  });
  it('takes differences on seconds and nanoseconds separately', () => {
    expect(secondsBetween(1627864550, 265450000, 1627864550, 265585000)).toBe('0.000135');
    expect(secondsBetween(1627864550, 265450000, 1627865800, 227473000)).toBe('1249.962023');
    expect(secondsBetween(10, 999_999_999, 11, 1, 9)).toBe('0.000000002');
    expect(secondsBetween(11, 0, 10, 500_000_000)).toBe('-0.500000');
  });
  it('takes nanoseconds between two stamps', () => {
    expect(nsBetween(1, 0, 2, 5)).toBe(1e9 + 5);
  });
});

describe('time differences in ns as the Time column shows them', () => {
  it('cuts to microseconds as secondsBetween does, signs a backwards clock and leaves no value empty', () => {
    expect(secondsText(1_249_954_912_999)).toBe('1249.954912');
    expect(secondsText(0)).toBe('0.000000');
    expect(secondsText(-1_500_000)).toBe('-0.001500');
    expect(secondsText(NaN)).toBe('');
    expect(secondsText(73_000)).toBe(secondsBetween(0, 0, 0, 73_000));
  });

  it('names the Time column after the chosen format (the zone only for time of day)', () => {
    expect(timeFormat('conversation', 'utc').title).toBe('Δ conv.');
    expect(timeFormat('absolute', 'utc').title).toBe('Time (UTC)');
    expect(timeFormat('absolute', 'local').title).toBe('Time of day');
    expect(timeFormat('relative', 'utc').title).toBe('Time');
  });
});
