import { describe, it, expect } from 'vitest';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCaptureArgs, type CaptureArgs } from '../../../electron/capture/args';
import { LiveCaptureError } from '../../../electron/capture/live-error';

const IFACES = ['lo', 'eth0'];
const ok = (args: string[]): CaptureArgs => {
  const r = parseCaptureArgs(args, IFACES);
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const err = (args: string[]): string => {
  const r = parseCaptureArgs(args, IFACES);
  if (typeof r !== 'string') throw new Error('accepted');
  return r;
};

describe('capture argument validation', () => {
  it('accepts the full option set and converts units', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synack-args-'));
    const a = ok(['-i', 'lo', '-f', 'tcp port 80', '-s', '96', '--no-promisc', '-c', '10', '--duration', '1.5',
      '-w', join(dir, 'x.pcapng'), '--user', 'nobody', '-B', '4096', '--format=json']);
    expect(a).toMatchObject({ iface: 'lo', filter: 'tcp port 80', snaplen: 96, promisc: false, count: 10, durationMs: 1500,
      output: join(dir, 'x.pcapng'), user: 'nobody', bufferKiB: 4096, format: 'json' });
    expect(ok(['-i', 'lo'])).toMatchObject({ filter: '', snaplen: undefined, promisc: true, format: 'text' });
  });

  it('takes interface names only from the real list', () => {
    expect(() => parseCaptureArgs(['-i', 'lo; rm -rf /'], IFACES)).toThrow(LiveCaptureError);
    expect(err([])).toMatch(/missing -i IFACE/);
  });

  it('bounds every number and refuses unknown options', () => {
    expect(err(['-i', 'lo', '-s', '262145'])).toMatch(/1\.\.262144/);
    expect(err(['-i', 'lo', '-s', '-5'])).toMatch(/SNAPLEN/);
    expect(err(['-i', 'lo', '-c', '0'])).toMatch(/-c COUNT/);
    expect(err(['-i', 'lo', '-c', '1e3'])).toMatch(/-c COUNT/);
    expect(err(['-i', 'lo', '--duration', '0'])).toMatch(/--duration must be/);
    expect(err(['-i', 'lo', '--duration', '604801'])).toMatch(/--duration must be/);
    expect(err(['-i', 'lo', '--duration', 'NaN'])).toMatch(/needs seconds/);
    expect(err(['-i', 'lo', '-B', '10'])).toMatch(/-B KIB/);
    expect(err(['-i', 'lo', '--exec', 'x'])).toMatch(/unknown option "--exec"/);
    expect(err(['-i', 'lo', '-c'])).toMatch(/-c needs a value/);
  });

  it('bounds the filter and refuses control characters in it', () => {
    expect(err(['-i', 'lo', '-f', 'x'.repeat(4097)])).toMatch(/longer than 4096/);
    expect(err(['-i', 'lo', '-f', 'tcp\u0000'])).toMatch(/control characters/);
  });

  it('accepts only plain file paths for -w', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synack-args-'));
    writeFileSync(join(dir, 'target'), '');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    expect(err(['-i', 'lo', '-w', join(dir, 'link')])).toMatch(/not a regular file/);
    expect(err(['-i', 'lo', '-w', dir])).toMatch(/not a regular file/);
    expect(err(['-i', 'lo', '-w', '/dev/null'])).toMatch(/not a regular file/);
    expect(err(['-i', 'lo', '-w', join(dir, 'missing', 'x.pcapng')])).toMatch(/does not exist/);
    expect(ok(['-i', 'lo', '-w', join(dir, 'target')]).output).toBe(join(dir, 'target'));
  });

  it('accepts user names and numeric ids only', () => {
    expect(ok(['-i', 'lo', '--user', '65534']).user).toBe('65534');
    expect(err(['-i', 'lo', '--user', '../root'])).toMatch(/invalid --user/);
    expect(err(['-i', 'lo', '--user', '$(id)'])).toMatch(/invalid --user/);
  });
});
