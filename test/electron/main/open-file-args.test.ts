import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { fileFromSecondInstance, hasCaptureExtension, parseAppArgs, PendingOpen, seedCapturePath } from '../../../electron/main/open-file-args';

const cwd = resolve('/work/caps');
const packaged = { defaultApp: false, cwd };
const dev = { defaultApp: true, cwd };

describe('parseAppArgs', () => {
  it('takes the first positional argument of a packaged app as the file, resolved against cwd', () => {
    expect(parseAppArgs(['/opt/SynAck/synack', 'seed.pcap'], packaged)).toEqual({ file: join(cwd, 'seed.pcap'), smoke: null });
    expect(parseAppArgs(['/opt/SynAck/synack', '/abs/x.pcapng'], packaged).file).toBe(resolve('/abs/x.pcapng'));
  });

  it('skips the app path in development (electron .)', () => {
    expect(parseAppArgs(['electron', '.', 'a.pcap'], dev).file).toBe(join(cwd, 'a.pcap'));
    expect(parseAppArgs(['electron', '.'], dev).file).toBeNull();
  });

  it('ignores Chromium and Electron switches wherever they appear', () => {
    const argv = ['synack', '--no-sandbox', '--enable-logging', '--allow-file-access-from-files', 'b.cap', '--original-process-start-time=1'];
    expect(parseAppArgs(argv, packaged).file).toBe(join(cwd, 'b.cap'));
  });

  it('parses --smoke with its screenshot and timeout options', () => {
    const a = parseAppArgs(['synack', '--smoke', 'resources/seed-lo0.pcap', '--smoke-screenshot', 'out/shot.png', '--smoke-timeout', '30'], packaged);
    expect(a.file).toBe(join(cwd, 'resources/seed-lo0.pcap'));
    expect(a.smoke).toEqual({ screenshot: join(cwd, 'out/shot.png'), timeoutMs: 30_000 });
    expect(parseAppArgs(['synack', '--smoke'], packaged).smoke).toEqual({ screenshot: join(cwd, 'synack-smoke.png'), timeoutMs: 60_000 });
  });

  it('rejects a NUL in a path', () => {
    expect(parseAppArgs(['synack', 'a\0b'], packaged).file).toBeNull();
  });
});

describe('second launch and OS events', () => {
  it('reads the file of a second instance against that instance\'s working directory', () => {
    expect(fileFromSecondInstance(['synack', 'x.pcap'], resolve('/home/u'), false)).toBe(resolve('/home/u/x.pcap'));
    expect(fileFromSecondInstance(['synack', '--flag'], resolve('/home/u'), false)).toBeNull();
  });

  it('keeps files that arrive before the window, latest wins, then delivers directly', () => {
    const p = new PendingOpen();
    p.push('/one.pcap');
    p.push('/two.pcap');
    const got: string[] = [];
    expect(p.attach((f) => got.push(f))).toBe('/two.pcap');
    p.push('/three.pcap');
    expect(got).toEqual(['/three.pcap']);
    expect(p.take()).toBeNull();
  });

  it('recognises capture file names', () => {
    for (const f of ['a.pcap', 'B.PCAPNG', 'c.cap', 'd.pcap.gz']) expect(hasCaptureExtension(f)).toBe(true);
    for (const f of ['a.txt', 'pcap', 'a.pcapx']) expect(hasCaptureExtension(f)).toBe(false);
  });
});

describe('seedCapturePath', () => {
  it('is under resources/ of the repository in development and in the resources dir when packaged', () => {
    expect(seedCapturePath({ isPackaged: false, resourcesPath: '/x', appPath: '/repo' })).toBe(join('/repo', 'resources', 'seed-lo0.pcap'));
    expect(seedCapturePath({ isPackaged: true, resourcesPath: '/opt/SynAck/resources', appPath: '/asar' })).toBe(join('/opt/SynAck/resources', 'seed-lo0.pcap'));
  });
});
