/**
 * The Content-Security-Policy main adds as a response header to everything the window loads (in
 * addition to renderer/index.html's meta tag; both must pass). Nothing remote: scripts, styles, fonts and
 * images come from the app itself; no eval, no plugins, no framing, no form posts. Development allows the
 * electron-vite dev server and its HMR WebSocket, and inline styles Vite injects for hot-reloaded SFCs.
 */
export interface CspOptions {
  /** Origin of the dev server (http://localhost:5173) in development, null for the packaged app. */
  devServer: string | null;
}

export function contentSecurityPolicy(opts: CspOptions): string {
  const dev = opts.devServer;
  const wsDev = dev ? ` ${dev.replace(/^http/, 'ws')}` : '';
  const directives = [
    "default-src 'none'",
    `script-src 'self'${dev ? ` ${dev}` : ''}`,
    `style-src 'self'${dev ? ` ${dev} 'unsafe-inline'` : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ` ${dev}${wsDev}` : ''}`,
    "worker-src 'self'",   // Find Packet's regular expression over the list's text runs in the app's own worker (list-regex-search.ts)
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

/** Only the app's own pages may load in the window: the app:// origin or, in development, the dev server. */
export function isAppUrl(url: string, appOrigin: string, devServer: string | null): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  if (devServer && u.origin === new URL(devServer).origin) return true;
  return `${u.protocol}//${u.host}` === appOrigin;
}
