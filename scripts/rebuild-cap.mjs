#!/usr/bin/env node
/**
 * Root postinstall, after `patch-package`: `cap` (optional) compiles its C++ during its own install, which runs
 * BEFORE the root postinstall applies patches/cap+0.2.1.patch. So the binary on disk is the unpatched one;
 * rebuild it here. Skips when `cap` is not installed (optional dependency failed: no libpcap-dev) or when the
 * built module already carries the patch marker (`synackPatch`), and never fails the install: live capture
 * then reports how to enable it.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const EXPECTED_PATCH = 1;
const require = createRequire(import.meta.url);

function capInstalled() {
  try {
    require.resolve('cap/package.json');
    return true;
  } catch {
    return false;
  }
}

/** Loads the addon in a child process (a stale or broken binary must not take this script down). */
function builtPatch() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('cap').synackPatch))"], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? Number(probe.stdout) : NaN;
}

if (!capInstalled()) {
  console.log('rebuild-cap: optional `cap` is not installed; live capture stays off (file work is unaffected)');
} else if (builtPatch() === EXPECTED_PATCH) {
  console.log('rebuild-cap: cap is already built with the SynAck patch');
} else {
  // npm_execpath is npm's own CLI when run from a lifecycle script; fall back to `npm` on PATH.
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli ? [process.execPath, [npmCli, 'rebuild', 'cap']] : ['npm', ['rebuild', 'cap']];
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status === 0 && builtPatch() === EXPECTED_PATCH) console.log('rebuild-cap: cap rebuilt with the SynAck patch');
  else console.warn('rebuild-cap: rebuilding cap failed; live capture will be unavailable (npm rebuild cap to retry)');
}
