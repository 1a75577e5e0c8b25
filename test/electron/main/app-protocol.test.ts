import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { contentTypeFor, resolveAppRequest } from '../../../electron/main/app-protocol';

const root = resolve('/opt/SynAck/out/renderer');

describe('app:// protocol', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppRequest('app://synack/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://synack/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://synack/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses other hosts, schemes and anything that escapes the folder', () => {
    for (const u of [
      'app://other/index.html', 'file:///etc/passwd', 'https://synack/index.html',
      'app://synack/a%2f..%2f..%2fb', 'app://synack/x%00.js', 'app://synack/%E0%A4%A',
      'app://synack/..%5c..%5cwin.ini', 'garbage',
    ]) expect(resolveAppRequest(u, root), u).toBeNull();
  });

  it('keeps literal dot segments inside the folder (the URL parser resolves them first)', () => {
    expect(resolveAppRequest('app://synack/../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppRequest('app://synack/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
  });

  it('serves known content types only', () => {
    expect(contentTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/x.exe')).toBeNull();
  });
});
