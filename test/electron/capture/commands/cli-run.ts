/** Runs `synack-capture` (bin/synack-capture.mjs) as a child process and collects its output and exit status. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../support/paths';

export interface CliRun { child: ChildProcess; stderr(): string; stdout(): string; done: Promise<number> }

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'synack-capture.mjs'), ...args], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '', err = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { child, stdout: () => out, stderr: () => err, done };
}

/** `synack-capture read ARGS…` run to its end: exit status and output. */
export function readCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'synack-capture.mjs'), 'read', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
