import { describe, it, expect } from 'vitest';
import { invokingUser, resolveUser } from '../../../electron/capture/privileges';
import { LiveCaptureError } from '../../../electron/capture/live-error';

// The drop itself (setgroups/setgid/setuid, regaining root fails, files owned by the user) runs in a child:
// test/electron/capture/commands/capture.test.ts "as root with --user nobody".
describe('privilege drop targets', () => {
  it('resolves names and ids through the user database', () => {
    expect(resolveUser('nobody')).toEqual({ uid: 65534, gid: 65534, name: 'nobody' });
    expect(resolveUser('0')).toMatchObject({ uid: 0, gid: 0, name: 'root' });
    expect(resolveUser('4000001')).toEqual({ uid: 4000001, gid: 4000001, name: null });
  });

  it('refuses unknown and malformed users', () => {
    expect(() => resolveUser('no-such-user-xyz')).toThrow(/unknown user/);
    expect(() => resolveUser('a b')).toThrow(LiveCaptureError);
    expect(() => resolveUser('-rf')).toThrow(/invalid user name/);
  });

  it('returns to the pkexec or sudo caller when no --user is given', () => {
    expect(invokingUser({ PKEXEC_UID: '65534' })).toEqual({ uid: 65534, gid: 65534, name: 'nobody' });
    expect(invokingUser({ SUDO_UID: '1000', SUDO_GID: '1001', SUDO_USER: 'ann' })).toEqual({ uid: 1000, gid: 1001, name: 'ann' });
    expect(invokingUser({})).toBeNull();
  });
});
