/**
 * Starts `npm run web` (bin/synack-web.mjs, electron/web/server.ts) as a child process on a random port and
 * reads the page URL, token included, from its stdout. The host builds the renderer when it is stale.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/paths';

export interface WebHost { url: string; child: ChildProcess; stderr: () => string; stop: () => Promise<void> }

export const WEB_ENTRY = join(REPO_ROOT, 'bin', 'synack-web.mjs');

/** Why the web host cannot run here, or null when its entry exists. */
export function webHostMissing(): string | null {
  if (!existsSync(WEB_ENTRY)) return 'bin/synack-web.mjs (npm run web) is missing';
  if (!existsSync(join(REPO_ROOT, 'electron', 'web', 'server.ts'))) return 'electron/web/server.ts is missing';
  return null;
}

export function startWebHost(file: string, timeoutMs = 120_000): Promise<WebHost> {
  const child = spawn(process.execPath, [WEB_ENTRY, file, '--port', '0', '--no-open'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const stop = (): Promise<void> => new Promise((done) => {
    if (child.exitCode !== null) { done(); return; }
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error(`npm run web printed no URL in ${timeoutMs} ms; stderr:\n${err}`)); }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], child, stderr: () => err, stop }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`npm run web exited with ${code} before printing a URL; stderr:\n${err}`)); });
  });
}

/** Waits for the status bar to show `text`; on timeout says what the page shows and what the host printed. */
export async function waitForStatus(page: import('playwright-core').Page, host: WebHost, text: string, timeoutMs: number): Promise<void> {
  try {
    await page.getByRole('status').getByText(text).waitFor({ timeout: timeoutMs });
  } catch {
    const shown = await page.locator('footer.status').innerText().catch(() => '(no status bar)');
    throw new Error(`the page never showed "${text}" within ${timeoutMs} ms. Status bar: ${shown.replace(/\s+/g, ' ')}. ` +
      `"opening" there means the web host's worker did not answer file.open. Host stderr:\n${host.stderr().slice(-1500)}`);
  }
}
