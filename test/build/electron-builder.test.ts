/**
 * build/electron-builder.yml: valid for electron-builder's own schema (its validateConfiguration, no
 * packaging needed), and complete for what the app needs at run time: the built entries, the seed capture,
 * `cap` unpacked from asar and rebuilt for Electron, file associations with MIME types, the deb's polkit
 * policy and launcher at the paths they name each other by, fuses, icons, entitlements; and every shell
 * script under build/ is shellcheck-clean.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { DEB_LAUNCHER, LINUX_LAUNCHER_NAME } from '../../electron/capture/elevation';
import { requireTool } from '../support/require-tool';
import { REPO_ROOT } from '../support/paths';

const BUILD = join(REPO_ROOT, 'build');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = parse(readFileSync(join(BUILD, 'electron-builder.yml'), 'utf8')) as any;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; devDependencies: Record<string, string> };
const launcherText = readFileSync(join(BUILD, 'linux/synack-capture-launcher'), 'utf8');
const policyText = readFileSync(join(BUILD, 'linux/org.synack.capture.policy'), 'utf8');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('electron-builder config', () => {
  it('passes electron-builder\'s own schema validation', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: { isEnabled: boolean }): Promise<void> };
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('ships the built app and the seed capture, not the web host copy', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', '!out/web/**', 'package.json']));
    expect(config.extraResources).toContainEqual({ from: 'resources/seed-lo0.pcap', to: 'seed-lo0.pcap' });
    statSync(join(REPO_ROOT, 'resources/seed-lo0.pcap'));
    expect(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).toMatch(/"main": "out\/main\/index.js"/);
  });

  it('unpacks cap from asar and rebuilds it for Electron\'s ABI', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/cap/**');
    expect(config.npmRebuild).toBe(true);
    expect({ ...pkg.dependencies, ...pkg.optionalDependencies }).toHaveProperty('cap');
  });

  it('associates .pcap, .pcapng and .cap, with the pcap and pcapng MIME types on Linux', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext).sort()).toEqual(['cap', 'pcap', 'pcapng']);
    const mime = new Set([...config.linux.mimeTypes, ...config.fileAssociations.map((a: { mimeType?: string }) => a.mimeType).filter(Boolean)]);
    expect([...mime].sort()).toEqual(['application/vnd.tcpdump.pcap', 'application/x-pcapng']);
  });

  it('builds AppImage and deb, dmg with hardened runtime and entitlements, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
    const plist = readFileSync(join(REPO_ROOT, config.mac.entitlements), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect(plist).not.toMatch(/disable-library-validation|allow-dyld-environment-variables/);
  });

  it('ships the launcher in the app\'s resources (Linux only) and the polkit policy naming it there', () => {
    expect(config.linux.extraResources).toEqual([{ from: 'build/linux/synack-capture-launcher', to: LINUX_LAUNCHER_NAME }]);
    expect(JSON.stringify([config.extraResources, config.mac, config.win])).not.toContain(LINUX_LAUNCHER_NAME);
    const fpm = new Map<string, string>(config.deb.fpm.map((s: string) => s.split('=') as [string, string]));
    expect([...fpm]).toEqual([['build/linux/org.synack.capture.policy', '/usr/share/polkit-1/actions/org.synack.capture.policy']]);
    // The deb installs the app to /opt/${productName}; extraResources land in its resources/ directory.
    expect(DEB_LAUNCHER).toBe(`/opt/${config.productName}/resources/${LINUX_LAUNCHER_NAME}`);
    expect(policyText).toContain(`<annotate key="org.freedesktop.policykit.exec.path">${DEB_LAUNCHER}</annotate>`);
    for (const src of fpm.keys()) statSync(join(REPO_ROOT, src));
    if (process.platform !== 'win32') expect(statSync(join(BUILD, 'linux/synack-capture-launcher')).mode & 0o111).not.toBe(0);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libpcap0.8', 'pkexec | policykit-1']));
  });

  it('lets the launcher find the app from its own location, not from a fixed path', () => {
    // resources/synack-capture-launcher → the app directory one level up, its binary ${executableName}.
    expect(launcherText).toMatch(/^SELF=\$\(readlink -f -- "\$0"\)/m);
    expect(launcherText).toContain('APP_DIR=$(dirname -- "$RESOURCES")');
    expect(launcherText).toContain(`APP_BIN="$APP_DIR/${config.executableName}"`);
    // No code line (comments aside) names an install location.
    expect(launcherText).not.toMatch(/^[^#]*\/(opt|usr\/lib)\//m);
  });

  it('sets every fuse explicitly, with RunAsNode on for the launcher and the risky ones off', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: true, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false, grantFileProtocolExtraPrivileges: false,
    });
    expect(launcherText).toMatch(/ELECTRON_RUN_AS_NODE=1/);
    // Every fuse line in the YAML carries a comment saying why.
    const yaml = readFileSync(join(BUILD, 'electron-builder.yml'), 'utf8');
    const block = yaml.slice(yaml.indexOf('electronFuses:'), yaml.indexOf('fileAssociations:'));
    for (const line of block.split('\n').filter((l) => /^\s{2}\w+: (true|false)$/.test(l))) {
      const before = block.slice(0, block.indexOf(line)).trimEnd().split('\n').pop() ?? '';
      expect(before, line).toMatch(/^\s*#/);
    }
  });

  it('has 512x512 PNG icons', () => {
    for (const f of ['icons/512x512.png', 'icons/icon.png']) {
      const png = readFileSync(join(BUILD, f));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
  });

  it('has the scripts CI and users run', () => {
    // npm start goes through bin/start.mjs, which runs `electron-vite dev` once Electron's binary is there.
    expect(pkg.scripts.start).toBe('node bin/start.mjs');
    expect(readFileSync(join(REPO_ROOT, 'bin', 'start.mjs'), 'utf8')).toMatch(/'electron-vite\.js'\), 'dev'/);
    expect(pkg.scripts.build).toMatch(/electron-vite build/);
    expect(pkg.scripts.dist).toMatch(/electron-builder --config build\/electron-builder.yml/);
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
  });
});

describe.skipIf(!requireTool('shellcheck'))('shell scripts under build/', () => {
  const scripts = walk(BUILD).filter((f) => readFileSync(f).subarray(0, 2).toString() === '#!' && /\bsh\b|bash/.test(readFileSync(f, 'utf8').split('\n')[0]));

  it('finds the launcher among them', () => {
    expect(scripts.map((f) => relative(BUILD, f))).toContain(join('linux', 'synack-capture-launcher'));
  });

  it.each(scripts.map((f) => [relative(REPO_ROOT, f), f]))('%s is shellcheck-clean', (_name, file) => {
    expect(() => execFileSync('shellcheck', ['--severity=style', file], { encoding: 'utf8' })).not.toThrow();
  });
});
