import { describe, expect, it } from 'vitest';
import { parseInteger, parseIpv6, parseSecondsToNs } from '../../../shared/filter/field-values';

describe('literal values', () => {
  it('integers in decimal, 0x hex and leading-0 octal', () => {
    expect(parseInteger('443')).toBe(443);
    expect(parseInteger('0x1bb')).toBe(443);
    expect(parseInteger('0X1BB')).toBe(443);
    expect(parseInteger('0673')).toBe(443);
    expect(parseInteger('0')).toBe(0);
    expect(parseInteger('4.5')).toBeNull();
    expect(parseInteger('abc')).toBeNull();
  });

  it('seconds as exact integer nanoseconds', () => {
    expect(parseSecondsToNs('0.290672')).toBe(290_672_000);
    expect(parseSecondsToNs('2')).toBe(2e9);
    expect(parseSecondsToNs('.5')).toBe(5e8);
    expect(parseSecondsToNs('1.0000000019')).toBe(1_000_000_001);
    expect(parseSecondsToNs('1e3')).toBeNull();
    expect(parseSecondsToNs('.')).toBeNull();
  });

  it('IPv6 text forms (RFC 4291 §2.2) with prefixes', () => {
    expect(Array.from(parseIpv6('::1')!.bytes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('2001:db8::/32')).toMatchObject({ prefix: 32 });
    expect(Array.from(parseIpv6('2001:db8::ff00:42:8329')!.bytes.subarray(10))).toEqual([0xff, 0, 0, 0x42, 0x83, 0x29]);
    expect(Array.from(parseIpv6('::ffff:192.0.2.128')!.bytes.subarray(10))).toEqual([0xff, 0xff, 192, 0, 2, 128]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).not.toBeNull();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeNull();
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('::/129')).toBeNull();
    expect(parseIpv6('12345::')).toBeNull();
  });
});
