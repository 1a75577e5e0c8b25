import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAppUrl } from '../../../electron/main/csp';

const directives = (csp: string): Map<string, string[]> =>
  new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('content security policy', () => {
  it('allows nothing remote, no eval and no inline code in the packaged app', () => {
    const d = directives(contentSecurityPolicy({ devServer: null }));
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    for (const k of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) expect(d.get(k)).toEqual(["'none'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);                     // the app's own worker script (Find's list regex), nothing else
    for (const [, v] of d) for (const s of v) expect(s).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('adds only the dev server (and its HMR socket) in development', () => {
    const d = directives(contentSecurityPolicy({ devServer: 'http://localhost:5173' }));
    expect(d.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin and, in development, the dev server only', () => {
    expect(isAppUrl('app://synack/index.html', 'app://synack', null)).toBe(true);
    expect(isAppUrl('app://synack/assets/x.js?y', 'app://synack', null)).toBe(true);
    expect(isAppUrl('http://localhost:5173/', 'app://synack', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', 'app://synack', null)).toBe(false);
  });

  it('refuses everything else', () => {
    for (const u of ['https://example.com', 'app://evil/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://localhost:5174/']) {
      expect(isAppUrl(u, 'app://synack', 'http://localhost:5173')).toBe(false);
    }
  });
});
