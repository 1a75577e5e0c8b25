import { describe, it, expect, vi } from 'vitest';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireRoot, requireTool } from '../../../support/require-tool';
import { execFileSync, spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../support/paths';
import { echoServer, pingPong, waitFor } from '../live-test-traffic';
import { runCli } from './cli-run';
import { CAPTURE_HELP, run } from '../../../../electron/capture/commands/capture';

const root = requireRoot();
const NOBODY = 65534;

/** Runs the command in this process, capturing what it writes to stderr. */
async function runHere(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    return { code: await run(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('synack-capture capture: errors and exit codes', () => {
  it('documents every exit code in --help', () => {
    for (const code of [2, 3, 4, 5, 6, 7, 8, 9, 10]) expect(CAPTURE_HELP).toMatch(new RegExp(`^  ${code}\\s+\\S`, 'm'));
  });

  it('says how to enable live capture when cap cannot be loaded (SYNACK_DISABLE_CAP=1), exit 3', async () => {
    const r = runCli(['capture', '-i', 'lo'], { SYNACK_DISABLE_CAP: '1' });
    expect(await r.done).toBe(3);
    expect(r.stderr()).toContain('apt-get install libpcap-dev build-essential python3 && npm rebuild cap');
  });

  it('rejects an unknown interface (exit 5) and bad option values (exit 2)', async () => {
    const bad = await runHere(['-i', 'nosuch0']);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toMatch(/unknown interface "nosuch0"; available: .*\blo\b/);
    const snap = await runHere(['-i', 'lo', '-s', '0']);
    expect(snap.code).toBe(2);
    expect(snap.stderr).toMatch(/-s SNAPLEN must be an integer in 1\.\.262144/);
  });

  it.skipIf(!root)('prints libpcap\'s message for a bad capture filter, exit 4', async () => {
    const r = await runHere(['-i', 'lo', '-f', 'tcp port']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/bad capture filter "tcp port": .*syntax error/);
  });
});

describe.skipIf(!root)('synack-capture capture as root with --user nobody', () => {
  it('opens lo as root, drops to nobody, prints the handshake and writes a file nobody owns', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'synack-cli-'));
    chmodSync(parent, 0o755);
    const own = join(parent, 'nobody');
    mkdirSync(own);
    chownSync(own, NOBODY, NOBODY);
    const srv = await echoServer('127.0.0.1');
    const out = join(own, 'cap.pcapng');
    const r = runCli(['capture', '-i', 'lo', '-f', `tcp port ${srv.port}`, '-c', '3', '--user', 'nobody', '-w', out]);
    await waitFor(() => r.stderr().includes('listening on'), 20_000);
    expect(r.stderr()).toMatch(/running as uid 65534 \(nobody\)/);
    await pingPong('127.0.0.1', srv.port);
    const code = await r.done;
    await srv.close();
    expect(code).toBe(0);
    const flags = r.stdout().split('\n').filter((l) => /Flags \[/.test(l)).map((l) => l.match(/Flags \[([^\]]*)\]/)![1]);
    expect(flags).toEqual(['S', 'S.', '.']);
    expect(r.stderr()).toMatch(/^3 packets captured$/m);
    expect(r.stderr()).toMatch(/^0 packets dropped by kernel$/m);
    expect(statSync(out).uid).toBe(NOBODY);
    rmSync(parent, { recursive: true, force: true });
  });

  it('cannot write where only root may (exit 9): the file is created after the drop, as nobody', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'synack-root-only-')); // 0700, owned by root
    const r = runCli(['capture', '-i', 'lo', '-c', '1', '--user', 'nobody', '-w', join(parent, 'x.pcapng')]);
    expect(await r.done).toBe(9);
    expect(r.stderr()).toMatch(/cannot create capture file .*EACCES/);
    rmSync(parent, { recursive: true, force: true });
  });
});

describe.skipIf(!root || !requireTool('unshare') || !requireTool('nsenter'))('synack-capture capture when the interface goes down', () => {
  it('stops with exit 6 and says so (lo of a private network namespace is taken down mid-capture)', async () => {
    // A fresh network namespace has its own lo, so taking it down disturbs nothing else on the machine.
    const out = join(tmpdir(), `synack-down-${process.pid}.pcapng`);
    const child = spawn('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "$0" "$@"`, process.execPath,
      join(REPO_ROOT, 'bin', 'synack-capture.mjs'), 'capture', '-i', 'lo', '-w', out],
    { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString(); });
    const done = new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    await waitFor(() => stderr.includes('listening on'), 20_000);
    execFileSync('nsenter', ['-t', String(child.pid), '-n', 'ip', 'link', 'set', 'lo', 'down']);
    expect(await done).toBe(6);
    expect(stderr).toMatch(/capture on "lo" stopped: the interface went down/);
    rmSync(out, { force: true });
  });
});
