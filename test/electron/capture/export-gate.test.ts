import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyAbsolutePath, exportDirectory, GrantedPaths } from '../../../electron/capture/export-gate';

describe('export gates', () => {
  it('GrantedPaths allows a path main granted, once, and refuses any other', async () => {
    const gate = new GrantedPaths();
    gate.grant('/home/u/a.pcapng');
    expect(await gate.resolve('/home/u/a.pcapng')).toEqual({ path: '/home/u/a.pcapng' });
    expect(await gate.resolve('/home/u/a.pcapng')).toEqual({ refused: expect.stringMatching(/only a file chosen in the Save dialog/) });
    expect(await gate.resolve('/home/u/.bashrc')).toEqual({ refused: expect.stringMatching(/^cannot write \/home\/u\/\.bashrc/) });
  });

  it('GrantedPaths waits for a grant that arrives after the request (they travel on different channels)', async () => {
    const gate = new GrantedPaths();
    const answer = gate.resolve('/tmp/late.pcapng');
    setTimeout(() => gate.grant('/tmp/late.pcapng'), 30);
    expect(await answer).toEqual({ path: '/tmp/late.pcapng' });
  });

  it('exportDirectory takes plain file names only and writes them inside its folder', async () => {
    const gate = exportDirectory('/srv/exports');
    expect(await gate.resolve('seed-lo0-stream-0.pcapng')).toEqual({ path: join('/srv/exports', 'seed-lo0-stream-0.pcapng') });
    for (const bad of ['/etc/passwd', '../x.pcapng', 'a/b.pcapng', 'a\\b.pcapng', '.bashrc', '..', '', 'x'.repeat(256)]) {
      expect(await gate.resolve(bad), bad).toEqual({ refused: expect.stringMatching(/plain file names into its export folder \/srv\/exports/) });
    }
  });

  it('anyAbsolutePath (stdio consumers) wants an absolute path and normalises it', async () => {
    expect(await anyAbsolutePath.resolve('/tmp/a/../b.pcapng')).toEqual({ path: '/tmp/b.pcapng' });
    expect(await anyAbsolutePath.resolve('b.pcapng')).toEqual({ refused: expect.stringMatching(/absolute path/) });
  });
});
