import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEB_LAUNCHER, elevationCommand, shQuote, winQuote } from '../../../electron/capture/elevation';
import { REPO_ROOT } from '../../support/paths';
import { requireTool } from '../../support/require-tool';

const POLICY = join(REPO_ROOT, 'build', 'linux', 'org.synack.capture.policy');
const LAUNCHER = join(REPO_ROOT, 'build', 'linux', 'synack-capture-launcher');

describe('elevation', () => {
  it('starts the Linux worker through pkexec and the app\'s own launcher, arguments untouched', () => {
    const args = ['--connect', '/run/user/1000/synack-x/s', '--user', 'a b;$(x)'];
    const launcher = '/home/u/SynAck/resources/synack-capture-launcher';
    expect(elevationCommand('linux', args, { launcher })).toEqual(['pkexec', '--disable-internal-agent', launcher, ...args]);
    expect(() => elevationCommand('linux', args)).toThrow(/needs launcher/);
  });

  it('ships a polkit policy whose exec.path is the launcher, with auth_admin_keep', () => {
    const xml = readFileSync(POLICY, 'utf8');
    expect(xml).toContain(`<annotate key="org.freedesktop.policykit.exec.path">${DEB_LAUNCHER}</annotate>`);
    expect(xml.match(/<allow_active>([^<]+)</)![1]).toBe('auth_admin_keep');
    expect(xml).toContain('<message>SynAck wants to capture network traffic</message>');
  });

  it.skipIf(!requireTool('shellcheck'))('ships a shellcheck-clean launcher', () => {
    execFileSync('shellcheck', [LAUNCHER]);
  });

  it('quotes for the macOS admin prompt and for Windows UAC', () => {
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    const mac = elevationCommand('darwin', ['--token', 'x"y'], { execPath: '/Applications/SynAck.app/Contents/MacOS/SynAck', workerEntry: '/w.js' });
    expect(mac[0]).toBe('/usr/bin/osascript');
    expect(mac[2]).toContain('with administrator privileges');
    expect(mac[2]).toContain(`'x\\"y'`);
    expect(winQuote('a b')).toBe('"a b"');
    expect(winQuote('a\\"b')).toBe('"a\\\\\\"b"');
    expect(elevationCommand('win32', ['x'], { execPath: 'C:\\SynAck\\SynAck.exe', workerEntry: 'w.js' })[4]).toContain('-Verb RunAs');
    expect(() => elevationCommand('linux', ['a\0b'], { launcher: DEB_LAUNCHER })).toThrow(/NUL/);
  });
});
