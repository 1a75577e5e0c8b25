import { describe, expect, it } from 'vitest';
import { parseWorkerArgs } from '../../../electron/capture/worker-args';

describe('worker arguments', () => {
  it('accepts exactly its options', () => {
    expect(parseWorkerArgs([])).toEqual({ connect: null, user: null, open: null, live: true, exportDir: null });
    expect(parseWorkerArgs(['--stdio', '--open', '/tmp/a.pcap', '--no-live', '--user', 'nobody']))
      .toEqual({ connect: null, user: 'nobody', open: '/tmp/a.pcap', live: false, exportDir: null });
    expect(parseWorkerArgs(['--export-dir', '/tmp/synack-exports-x'])).toMatchObject({ exportDir: '/tmp/synack-exports-x' });
    expect(parseWorkerArgs(['--connect', '/run/x/worker.sock', '--user', '1000'])).toMatchObject({ connect: '/run/x/worker.sock', user: '1000' });
  });

  it('refuses unknown, repeated, missing or malformed values', () => {
    for (const bad of [['--exec', 'sh'], ['--open'], ['--open', '--no-live'], ['--open', 'a', '--open', 'b'], ['--user', 'x;rm'], ['--open', 'a\0b'], ['extra'], ['--export-dir'], ['--export-dir', '--no-live']]) {
      expect(parseWorkerArgs(bad)).toHaveProperty('error');
    }
  });
});
