/**
 * frame.time and frame.time_epoch against tshark 4.0: literals in every form tshark reads (and its error for
 * each form it refuses), and exact comparisons with packets' own times on corpus captures. Local-time literals
 * are read in this process's zone; tshark runs in the same environment, so both read them alike.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAbsoluteTime } from '../../../shared/filter/absolute-time';
import { compileFilter } from '../../../shared/filter/compile';
import { CORPUS_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { captureColumns, loadPipeline } from './filter-pipeline';
import { tsharkMatches } from './tshark-filter-oracle';

requireTool('tshark');
const { pipeline } = await loadPipeline();
const SMTP = join(CORPUS_DIR, 'zeek__smtp.pcap');

/** The frames our filter selects on `file`, or the compile error. */
function ours(file: string, text: string): number[] | string {
  const r = compileFilter(text);
  if (!r.ok) return r.error.message.replace(/^column \d+: /, '');   // tshark's message has no column
  const { cols, ctx } = captureColumns(pipeline!, file);
  const out = new Uint32Array(Math.max(1, cols.rows));
  return Array.from(out.subarray(0, r.filter.select(cols, ctx, 0, cols.rows, out)), (row) => cols.frame[row]);
}

/** tshark's frames for `-2 -Y text`, or its error line. */
function theirs(file: string, text: string): number[] | string {
  const r = spawnSync('tshark', ['-2', '-n', '-r', file, '-Y', text, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
  if (r.status !== 0) return /^tshark: (.*)$/m.exec(r.stderr)?.[1] ?? r.stderr;
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

describe('absolute time literals (frame.time)', () => {
  it('reads every form tshark reads, and refuses the others with tshark\'s words', () => {
    const literals = [
      'Oct  5, 2009 06:06:10', 'oct 5, 2009 06:06:10.5 UTC', 'Oct 05, 2009 06:06:10', '2009-10-05 06:06:10', '2009-10-05T06:06:10Z',
      '2009-10-05 06:06:10.5', '2009-10-05T06:06:10,5Z', '2009-10-05T06:06:10.5+02', '2009-10-05 06:06:10+02:00', '2009-10-05T06:06:10-0130',
      '2009-10-05 6:06:10', '2009-10-05  06:06:10', '2009-10-5 06:06:10', '2009-10-05T06:06', '2009-10-05 06', '2009-10-05 07',
      '2009-10-05', '2009-10-05 UTC', '2009-10-05 06:06 UTC', '2009-10-05 06:06:10 UTC', '2009-10-05 06:06:10.', '2009-10-05 06:06:60',
      '2009-02-30 06:06:10', '1969-12-31 23:59:59', '   2009-10-05 06:06:10  ', '2009-10-05 06:06:10.123456789',
      // refused
      'Oct 5, 2009', 'Oct 5, 2009 06:06', 'October 5, 2009 06:06:10', 'Oct 5 2009 06:06:10', 'Oct 32, 2009 06:06:10',
      '2009-13-05 06:06:10', '2009-10-32 06:06:10', '2009-00-05 06:06:10', 'garbage', '2009-10-05T06', '2009-10-05 25:06:10',
      '2009-10-05 06:60:10', '2009-10-05 06:06.3', '2009-10-05 06:06:10.x', 'Oct 5, 2009 06:06:10Z', '2009-10-05 06:06:10 Z',
      '2009-10-05 06:06:10 +02:00', '2009-10-05 06:06:10 CET',
    ];
    for (const lit of literals) {
      const text = `frame.time >= "${lit}"`;
      expect(ours(SMTP, text), text).toEqual(theirs(SMTP, text));
    }
  });

  it('a packet\'s own time, in each form, selects exactly that packet (==), those after it (>) and before it (<)', () => {
    for (const name of ['zeek__smtp.pcap', 'zeek__http__206_example_b.pcap', 'gopacket__le__test301.pcapng']) {
      const file = join(CORPUS_DIR, name);
      const times = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.time_epoch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n').filter(Boolean);
      const epoch = times[Math.floor(times.length / 3)];
      const [s, ns] = epoch.split('.');
      const iso = `${new Date(Number(s) * 1000).toISOString().slice(0, 19)}.${ns}Z`;
      const month = `${new Date(Number(s) * 1000).toUTCString().slice(8, 11)} ${new Date(Number(s) * 1000).getUTCDate()}, ${iso.slice(0, 4)} ${iso.slice(11, 19)}.${ns} UTC`;
      const expressions = [
        `frame.time == "${iso}"`, `frame.time > "${iso}"`, `frame.time < "${month}"`, `frame.time <= "${month}"`,
        `frame.time_epoch == ${epoch}`, `frame.time_epoch > ${epoch}`, `frame.time_epoch < ${epoch}`,
      ];
      const expected = tsharkMatches(file, expressions);
      expressions.forEach((text, i) => expect(ours(file, text), `${name}: ${text}`).toEqual(expected[i]));
      expect(expected[0].length, name).toBeGreaterThan(0);
    }
  });

  it('parses to seconds and nanoseconds, in UTC with a zone and in local time without', () => {
    expect(parseAbsoluteTime('2011-07-04 12:34:56.789Z')).toEqual({ sec: Date.UTC(2011, 6, 4, 12, 34, 56) / 1000, nsec: 789_000_000 });
    expect(parseAbsoluteTime('Nov 12, 1999 08:55:44.123 UTC')).toEqual({ sec: Date.UTC(1999, 10, 12, 8, 55, 44) / 1000, nsec: 123_000_000 });
    expect(parseAbsoluteTime('2011-07-04 12:34:56')).toEqual({ sec: new Date(2011, 6, 4, 12, 34, 56).getTime() / 1000, nsec: 0 });
    expect(parseAbsoluteTime('2011-07-04T12:34+02:00')).toEqual({ sec: Date.UTC(2011, 6, 4, 10, 34) / 1000, nsec: 0 });
    expect(parseAbsoluteTime('Nov 12, 1999 08:55:44.1234567891')).toEqual({ error: 'Subseconds value is invalid.' });
  });
});
