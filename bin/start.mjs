#!/usr/bin/env node
// `npm start [FILE]`: the desktop app in development (electron-vite dev), opening FILE or the bundled seed.
// npm does not run Electron's own install script (it is not in package.json's allowScripts, and it downloads
// a binary), so fetch that binary here on first start. Where it cannot be downloaded (no network beyond the
// npm registry), say so and serve the same UI in the browser instead (`npm run web`), so the command still
// opens the capture.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

function electronBinaryPresent() {
  const pathTxt = join(electronDir, 'path.txt');
  return existsSync(pathTxt) && existsSync(join(electronDir, 'dist', readFileSync(pathTxt, 'utf8').trim()));
}

function tryInstallElectron() {
  // SYNACK_NO_ELECTRON_DOWNLOAD=1 skips the attempt (tests of the browser fallback, offline machines).
  if (process.env.SYNACK_NO_ELECTRON_DOWNLOAD === '1' || !existsSync(join(electronDir, 'install.js'))) return false;
  process.stderr.write('synack: downloading the Electron binary (first start) …\n');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: 'inherit', timeout: 300_000 });
  return r.status === 0 && electronBinaryPresent();
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
  // Stopping `npm start` stops what it started: a terminal's Ctrl-C reaches both, but a `kill` of this process
  // alone would leave the app or the browser host (and its worker) running.
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
}

if (electronBinaryPresent() || tryInstallElectron()) {
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...(args.length ? ['--', ...args] : [])]);
} else {
  process.stderr.write('synack: Electron could not be downloaded here, so SynAck opens in your browser instead (npm run web).\n');
  run(process.execPath, [join(root, 'bin', 'synack-web.mjs'), ...args]);
}
