/**
 * Giving up root after the capture device is open. The worker (or `sudo synack-capture`) opens the device and
 * applies the filter as root, then becomes the requesting user for good: supplementary groups first, then the
 * gid, then the uid (setuid last, because after it the process may no longer change groups), and finally
 * checks that root cannot be regained. Order and check follow the CERT rule POS37-C and tcpdump's -Z.
 *
 * The platform elevation prompts (pkexec, macOS admin prompt, UAC) are in ./elevation.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LiveCaptureError } from './live-error';

export interface DropTarget { uid: number; gid: number; name: string | null }

const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

/** Whether this process can drop privileges at all (POSIX and running as root). */
export function runningAsRoot(): boolean {
  return typeof process.geteuid === 'function' && process.geteuid() === 0;
}

/**
 * Resolves `--user NAME|UID` to uid and primary gid through the system's user database (getent, so NSS
 * sources such as LDAP count; /etc/passwd when getent is absent). A bare UID without a passwd entry keeps
 * gid = uid. Throws LiveCaptureError('privilege-drop') for an unknown or malformed user.
 */
export function resolveUser(spec: string): DropTarget {
  const numeric = /^\d{1,10}$/.test(spec);
  if (!numeric && !USER_NAME.test(spec)) throw new LiveCaptureError('privilege-drop', `invalid user name "${spec}"`);
  const entry = passwdEntry(spec);
  if (entry) return entry;
  if (numeric && Number(spec) <= 0xfffffffe) return { uid: Number(spec), gid: Number(spec), name: null };
  throw new LiveCaptureError('privilege-drop', `unknown user "${spec}"`);
}

/**
 * The user to return to when started through sudo or pkexec without --user: they record the invoking user
 * (SUDO_UID/SUDO_GID, PKEXEC_UID). Null when neither is set.
 */
export function invokingUser(env: NodeJS.ProcessEnv = process.env): DropTarget | null {
  if (env.PKEXEC_UID && /^\d+$/.test(env.PKEXEC_UID)) {
    return passwdEntry(env.PKEXEC_UID) ?? { uid: Number(env.PKEXEC_UID), gid: Number(env.PKEXEC_UID), name: null };
  }
  if (env.SUDO_UID && /^\d+$/.test(env.SUDO_UID)) {
    const gid = env.SUDO_GID && /^\d+$/.test(env.SUDO_GID) ? Number(env.SUDO_GID) : Number(env.SUDO_UID);
    return { uid: Number(env.SUDO_UID), gid, name: env.SUDO_USER ?? null };
  }
  return null;
}

/**
 * Permanently becomes `t`: setgroups([gid]), setgid, setuid, then verifies that setuid(0) and setgid(0) fail
 * and that real and effective ids are the target's. Throws LiveCaptureError('privilege-drop') on any failure;
 * the caller must then stop, since it may still be root.
 */
export function dropPrivileges(t: DropTarget): void {
  if (typeof process.setuid !== 'function' || typeof process.setgroups !== 'function') {
    throw new LiveCaptureError('privilege-drop', 'dropping privileges is not supported on this platform');
  }
  if (t.uid === 0) throw new LiveCaptureError('privilege-drop', 'refusing to "drop" to root (uid 0)');
  try {
    process.setgroups([t.gid]);
    process.setgid!(t.gid);
    process.setuid(t.uid);
  } catch (e) {
    throw new LiveCaptureError('privilege-drop', `cannot become uid ${t.uid} gid ${t.gid}: ${(e as Error).message}`);
  }
  verifyDropped(t);
}

/** Throws unless the process is `t` in every id and cannot get root back. */
export function verifyDropped(t: DropTarget): void {
  const ids = [process.getuid!(), process.geteuid!(), process.getgid!(), process.getegid!()];
  if (ids[0] !== t.uid || ids[1] !== t.uid || ids[2] !== t.gid || ids[3] !== t.gid) {
    throw new LiveCaptureError('privilege-drop', `privilege drop incomplete: uid/euid/gid/egid are ${ids.join('/')}`);
  }
  for (const regain of [() => process.setuid!(0), () => process.setgid!(0)]) {
    let regained = true;
    try {
      regain();
    } catch {
      regained = false;
    }
    if (regained) throw new LiveCaptureError('privilege-drop', 'privilege drop failed: root could be regained');
  }
}

function passwdEntry(spec: string): DropTarget | null {
  const line = getent(spec) ?? fromEtcPasswd(spec);
  if (!line) return null;
  const [name, , uid, gid] = line.split(':');
  if (!/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? '')) return null;
  return { uid: Number(uid), gid: Number(gid), name: name ?? null };
}

function getent(spec: string): string | null {
  try {
    // No shell: the argument was validated above and goes to getent as one argv entry.
    const out = execFileSync('getent', ['passwd', spec], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return out.split('\n')[0] || null;
  } catch {
    return null;
  }
}

function fromEtcPasswd(spec: string): string | null {
  try {
    const lines = readFileSync('/etc/passwd', 'utf8').split('\n');
    return lines.find((l) => { const f = l.split(':'); return f[0] === spec || f[2] === spec; }) ?? null;
  } catch {
    return null;
  }
}
