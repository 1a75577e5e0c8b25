import { describe, it, expect, vi } from 'vitest';
import { run } from '../../../../electron/capture/commands/interfaces';
import type { InterfaceDetails } from '../../../../electron/capture/interface-list';
import { loadCap } from '../../../../electron/capture/cap-module';
import { requireRoot } from '../../../support/require-tool';

const root = requireRoot();

describe.skipIf(!loadCap().ok)('synack-capture interfaces', () => {
  it('lists lo with its addresses, flags and (as root) link type as JSON', async () => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
    const code = await run(['--json']).finally(() => spy.mockRestore());
    expect(code).toBe(0);
    const lo = (JSON.parse(out) as InterfaceDetails[]).find((i) => i.name === 'lo')!;
    expect(lo).toMatchObject({ up: true, loopback: true, running: true });
    expect(lo.addresses).toContainEqual({ family: 4, addr: '127.0.0.1', netmask: '255.0.0.0' });
    if (root) expect([lo.linkType, lo.linkTypeName]).toEqual([1, 'EN10MB']);
  });

  it('refuses unknown options with exit 2', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run(['--bogus']).finally(() => spy.mockRestore())).toBe(2);
  });
});
