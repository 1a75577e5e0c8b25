/**
 * Every file in ../shared/corpus/malformed: where tshark read the file, we read the same number of records
 * and report a problem exactly when tshark stopped with an error; where the file header is bad, the
 * problem names the reason. Link types tshark refuses to dissect are not a file-format error for us.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALFORMED_DIR } from '../../support/paths';
import { forEachRecord } from '../../support/read-capture';

interface Expected { file: string; tsharkExit: number; tsharkMessage: string; tsharkFrames: number }

const EXPECTED: Expected[] = readFileSync(join(MALFORMED_DIR, 'EXPECTED.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((line) => line.split('\t'))
  .map((c) => ({ file: c[0], tsharkExit: Number(c[1]), tsharkMessage: c[2], tsharkFrames: Number(c[6]) }));

/** Our problem code for the files tshark rejects (by tshark's message). */
const CODES: Record<string, string> = {
  'dpkt__truncated_dns_2.pcap': 'truncated',
  'gopacket__be-test901.pcapng': 'unsupported-version',
  'gopacket__le-test901.pcapng': 'unsupported-version',
  'libpcap__linktype-reserved-field-not-zero.pcap': 'bad-link-type',
  'libpcap__pcap-invalid-version-1.pcap': 'unsupported-version',
  'libpcap__pcapng-invalid-vers-1.pcapng': 'unsupported-version',
  'libpcap__pcapng-invalid-vers-2.pcapng': 'unsupported-version',
  'libpcap__shb-option-too-long.pcapng': 'option-overrun',
  'scapy__bad_rsn_parsing_overrides_ssid.pcap': 'truncated',
};

describe('malformed corpus', () => {
  it('lists a problem code for every file tshark rejects for its format', () => {
    const rejected = EXPECTED.filter((e) => e.tsharkExit !== 0 && !/network type .* unknown or unsupported/.test(e.tsharkMessage));
    expect(rejected.map((e) => e.file).sort()).toEqual(Object.keys(CODES).sort());
  });

  it.each(EXPECTED)('$file: records and problem as tshark', (e) => {
    const res = forEachRecord(join(MALFORMED_DIR, e.file), () => {});
    if (/network type .* unknown or unsupported/.test(e.tsharkMessage)) {
      // tshark refuses to dissect the link type at all; the file itself is sound and we read it.
      expect(res.problem).toBeNull();
      return;
    }
    expect(res.records).toBe(e.tsharkFrames);
    if (e.tsharkExit === 0) expect(res.problem).toBeNull();
    else {
      expect(res.problem?.code).toBe(CODES[e.file]);
      expect(res.problem?.message).toMatch(/byte \d+/);
    }
  });

  it('names the byte where the truncated record header starts and keeps the record before it', () => {
    const res = forEachRecord(join(MALFORMED_DIR, 'dpkt__truncated_dns_2.pcap'), () => {}, 5);
    expect(res.problem).toMatchObject({ code: 'truncated', offset: 240 });
    expect(res.records).toBe(1);
  });

  it('names the second section of test901 (pcapng 2.0) after reading the first section\'s packet', () => {
    const res = forEachRecord(join(MALFORMED_DIR, 'gopacket__be-test901.pcapng'), () => {});
    expect(res.problem).toMatchObject({ code: 'unsupported-version', offset: 480 });
  });
});
