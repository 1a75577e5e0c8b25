import { describe, expect, it } from 'vitest';
import { rootRefusal } from '../../../electron/main/root-check';

describe('rootRefusal', () => {
  it('lets a normal user start', () => {
    expect(rootRefusal({ platform: 'linux', uid: 1000, env: {} })).toBeNull();
    expect(rootRefusal({ platform: 'darwin', uid: 501, env: {} })).toBeNull();
  });

  it('ignores Windows, which has no uid', () => {
    expect(rootRefusal({ platform: 'win32', uid: undefined, env: {} })).toBeNull();
  });

  it('refuses root and explains where capture rights come from instead', () => {
    const m = rootRefusal({ platform: 'linux', uid: 0, env: {} });
    expect(m).toMatch(/started as root/);
    expect(m).toMatch(/capture worker/);
    expect(m).toMatch(/normal user/);
  });

  it('names the sudo user when started through sudo', () => {
    expect(rootRefusal({ platform: 'linux', uid: 0, env: { SUDO_USER: 'alice' } })).toMatch(/through sudo by alice/);
    expect(rootRefusal({ platform: 'linux', uid: 0, env: { PKEXEC_UID: '1000' } })).toMatch(/through pkexec/);
  });
});
