import { describe, expect, it } from 'vitest';
import { parseWorkerArgs, tokenFromEnv } from '../../../electron/capture/worker-args';

describe('worker arguments', () => {
  it('accepts exactly its options', () => {
    expect(parseWorkerArgs([])).toEqual({ connect: null, user: null, open: null, live: true });
    expect(parseWorkerArgs(['--stdio', '--open', '/tmp/a.pcap', '--no-live', '--user', 'nobody']))
      .toEqual({ connect: null, user: 'nobody', open: '/tmp/a.pcap', live: false });
    expect(parseWorkerArgs(['--connect', '/run/x/worker.sock', '--user', '1000'])).toMatchObject({ connect: '/run/x/worker.sock', user: '1000' });
  });

  it('refuses unknown, repeated, missing or malformed values', () => {
    for (const bad of [['--exec', 'sh'], ['--open'], ['--open', '--no-live'], ['--open', 'a', '--open', 'b'], ['--user', 'x;rm'], ['--open', 'a\0b'], ['extra']]) {
      expect(parseWorkerArgs(bad)).toHaveProperty('error');
    }
  });

  it('takes the one-time token from the environment only when it is long hex', () => {
    expect(tokenFromEnv({ SYNACK_WORKER_TOKEN: 'ab'.repeat(16) })).toBe('ab'.repeat(16));
    expect(tokenFromEnv({ SYNACK_WORKER_TOKEN: 'short' })).toBeNull();
    expect(tokenFromEnv({})).toBeNull();
  });
});
