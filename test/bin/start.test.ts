import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SEED_PCAP } from '../support/paths';

// `npm start` where Electron's binary cannot be had (this machine, CI): it must say so and still open the
// capture, in the browser host. The Electron path itself is exercised by the GitHub Actions smoke run.
describe('npm start without an Electron binary', () => {
  it('explains the fallback and serves the seed capture on a loopback URL with a token', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'start.mjs'), '--no-open'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SYNACK_NO_ELECTRON_DOWNLOAD: '1' },
    });
    let out = '';
    let err = '';
    let host: number;
    child.stdout.on('data', (b: Buffer) => { out += b; });
    child.stderr.on('data', (b: Buffer) => { err += b; });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 90 s; stderr: ${err}`)), 90_000);
        child.stdout.on('data', () => { if (/Open http/.test(out)) { clearTimeout(timer); resolve(); } });
        child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${err}`)); });
      });
      // The browser host start.mjs launched (Linux: /proc lists a process's children).
      host = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(host).toBeGreaterThan(0);
    // Stopping npm start stops the host it started (and so its worker); before, the host kept running.
    for (let k = 0; k < 100 && existsSync(`/proc/${host}`); k++) await new Promise((r) => setTimeout(r, 50));
    const alive = existsSync(`/proc/${host}`);
    if (alive) process.kill(host, 'SIGTERM');   // do not leave it behind when the check fails
    expect(alive, `browser host ${host} still running after npm start was stopped`).toBe(false);
    expect(err).toMatch(/Electron could not be downloaded here, so SynAck opens in your browser instead/);
    expect(out).toContain(`SynAck is serving ${SEED_PCAP}`);
    expect(out).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}&file=/);
  });
});
