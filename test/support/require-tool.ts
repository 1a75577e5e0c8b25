import { execFileSync } from 'node:child_process';

/**
 * Whether an external tool (tshark, tcpdump, chromium …) is on PATH. Under CI a missing tool is a failure,
 * not a skip: the oracles are part of the test, and .ci/run installs them.
 */
export function requireTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${JSON.stringify(name)}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error(`${name} is required under CI but is not installed`);
    return false;
  }
}

/** Whether we run as root (live capture, privilege drop). Under CI, not being root is a failure. */
export function requireRoot(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && process.env.CI) throw new Error('these tests need root under CI');
  return root;
}
