/**
 * build/linux/synack-capture-launcher, run for real as root (as pkexec would, with an empty environment) on
 * a fake app tree laid out like the deb's: <app>/synack, <app>/resources/app.asar/…, <app>/resources/launcher.
 * The fake `synack` prints what it was asked to run, so the tests see exactly what the launcher would exec.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LINUX_LAUNCHER_NAME } from '../../../electron/capture/elevation';
import { WORKER_ENTRY } from '../../../electron/capture/worker-process';
import { listenForWorker } from '../../../electron/capture/worker-socket';
import { readFrames } from '../../../electron/capture/stream-transport';
import type { EventPayload } from '../../../shared/ipc/contract';
import { encodeFrame } from '../../../shared/ipc/frame-codec';
import { IpcClient } from '../../../shared/ipc/ipc-client';
import { REPO_ROOT } from '../../support/paths';
import { requireRoot } from '../../support/require-tool';

const LAUNCHER = join(REPO_ROOT, 'build', 'linux', LINUX_LAUNCHER_NAME);
const WORKER = 'resources/app.asar/out/main/capture-worker.js';
const NOBODY = 65534;
const PKEXEC_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
const dirs: string[] = [];

afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A root-owned base directory (mode 0755) in the temp dir. */
function base(): string {
  const d = mkdtempSync(join(tmpdir(), 'synack-launcher-'));
  chmodSync(d, 0o755);
  dirs.push(d);
  return d;
}

/** Lays out a fake installed app at `dir` whose binary prints `tag`, its environment flag and its argv. */
function fakeApp(dir: string, tag = 'app'): string {
  mkdirSync(join(dir, 'resources/app.asar/out/main'), { recursive: true, mode: 0o755 });
  writeFileSync(join(dir, WORKER), '// worker entry\n');
  writeFileSync(join(dir, 'synack'), `#!/bin/sh\nprintf '%s\\n' ${tag} "RUN_AS_NODE=\${ELECTRON_RUN_AS_NODE:-}" "$@"\n`, { mode: 0o755 });
  const launcher = join(dir, 'resources', LINUX_LAUNCHER_NAME);
  copyFileSync(LAUNCHER, launcher);
  chmodSync(launcher, 0o755);
  return launcher;
}

/** Runs the launcher the way pkexec does: as root (unless `uid`), the environment emptied but for PATH. */
function run(launcher: string, args: string[], uid?: number) {
  const r = spawnSync(launcher, args, { env: { PATH: PKEXEC_PATH }, encoding: 'utf8', uid });
  return { status: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

describe.skipIf(process.platform !== 'linux' || !requireRoot())('Linux capture launcher', () => {
  it('runs the app it sits in as Node on the worker entry, arguments untouched', () => {
    const app = join(base(), 'SynAck');
    const launcher = fakeApp(app);
    const marker = join(app, 'injected');
    const args = ['--connect', '/tmp/x y/worker.sock', `a;$(touch ${marker})`, '*', '"', ''];
    const r = run(launcher, args);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out.split('\n').slice(0, -1)).toEqual(['app', 'RUN_AS_NODE=1', join(app, WORKER), ...args]);
    expect(existsSync(marker)).toBe(false);
  });

  it('follows a symlink to its real place: a tree around the link is not run', () => {
    const root = base();
    const launcher = fakeApp(join(root, 'SynAck'));
    const other = join(root, 'other');
    mkdirSync(join(other, 'resources'), { recursive: true, mode: 0o755 });
    fakeApp(other, 'other');
    rmSync(join(other, 'resources', LINUX_LAUNCHER_NAME));
    symlinkSync(launcher, join(other, 'resources', LINUX_LAUNCHER_NAME));
    const r = run(join(other, 'resources', LINUX_LAUNCHER_NAME), ['--no-live']);
    expect(r.out.split('\n').slice(0, 3)).toEqual(['app', 'RUN_AS_NODE=1', join(root, 'SynAck', WORKER)]);
  });

  it('refuses an app with a file or directory others may write, or that root does not own', () => {
    for (const spoil of [
      (app: string) => chmodSync(join(app, 'synack'), 0o757),
      (app: string) => { chownSync(join(app, 'resources/app.asar/out'), 0, NOBODY); chmodSync(join(app, 'resources/app.asar/out'), 0o775); },
      (app: string) => chmodSync(join(app, 'resources'), 0o1777),
      (app: string) => chownSync(join(app, WORKER), NOBODY, NOBODY),
      (app: string) => chownSync(app, NOBODY, NOBODY),
    ]) {
      const app = join(base(), 'SynAck');
      const launcher = fakeApp(app);
      spoil(app);
      const r = run(launcher, ['--no-live']);
      expect(r.status).toBe(126);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/refusing to run .* as root/);
    }
    // Writable by root's own group is writable by root only.
    const app = join(base(), 'SynAck');
    const launcher = fakeApp(app);
    chmodSync(join(app, 'synack'), 0o775);
    expect(run(launcher, []).status).toBe(0);
  });

  it('refuses an app below a directory another user owns or may write (sticky ones aside)', () => {
    const owned = join(base(), 'home');
    mkdirSync(owned, { mode: 0o755 });
    chownSync(owned, NOBODY, NOBODY);
    const r1 = run(fakeApp(join(owned, 'SynAck')), []);
    expect([r1.status, r1.out]).toEqual([126, '']);
    expect(r1.err).toContain(`${owned} is not owned by root or is writable by others`);

    const open = join(base(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const launcher = fakeApp(join(open, 'SynAck'));
    const r2 = run(launcher, []);
    expect([r2.status, r2.out]).toEqual([126, '']);
    expect(r2.err).toContain(`${open} is not owned by root or is writable by others`);
    chmodSync(open, 0o1777); // sticky: others cannot move root's entries
    expect(run(launcher, []).status).toBe(0);
  });

  it('starts a real worker that connects back to the app with the token file, as under pkexec', async () => {
    const app = join(base(), 'SynAck');
    const launcher = fakeApp(app);
    // The app's binary run as Node on its worker entry, played by this Node on the worker's TypeScript source.
    const runTs = join(REPO_ROOT, 'bin', 'run-ts.mjs');
    writeFileSync(join(app, 'synack'), `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 99\nshift\nexec '${process.execPath}' '${runTs}' '${WORKER_ENTRY}' "$@"\n`, { mode: 0o755 });
    const listener = await listenForWorker();
    const child = spawn(launcher, ['--connect', listener.path, '--no-live'], { env: { PATH: PKEXEC_PATH }, stdio: ['ignore', 'ignore', 'inherit'] });
    const sock = await listener.connection;
    const client = new IpcClient((b) => sock.write(b));
    readFrames(sock, (f) => client.receive(encodeFrame(f.type, f.payload)), () => client.transportClosed());
    client.start();
    const hello = await new Promise<EventPayload<'hello'>>((r) => client.on('hello', r));
    expect(hello.pid).toBe(child.pid); // the launcher exec'd itself away: the worker is the process pkexec started
    sock.end();
    expect((await once(child, 'close'))[0]).toBe(0);
  });

  it('refuses to run unless root, and without an app around it', () => {
    const launcher = fakeApp(join(base(), 'SynAck'));
    const r = run(launcher, ['--no-live'], NOBODY);
    expect([r.status, r.out]).toEqual([126, '']);
    expect(r.err).toMatch(/must be started through pkexec/);

    const lone = join(base(), LINUX_LAUNCHER_NAME);
    copyFileSync(LAUNCHER, lone);
    chmodSync(lone, 0o755);
    const r2 = run(lone, []);
    expect(r2.status).toBe(127);
    expect(r2.err).toMatch(/does not look like SynAck/);
  });
});
