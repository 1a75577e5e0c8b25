/**
 * The packaged renderer is served from `app://synack/…` (a standard, secure custom scheme) instead of
 * file:// (Electron security checklist: "avoid file://"), so the GrantFileProtocolExtraPrivileges fuse
 * can stay off and 'self' in the CSP means the app's own bundle only. This module maps a request URL to
 * a file under the built renderer folder; anything else (other host, `..`, encoded separators, NUL) gets
 * null and main answers 404.
 */
import { extname, normalize, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'synack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file under `root` that `url` names, or null when it is not a plain path inside `root`. */
export function resolveAppRequest(url: string, root: string): string | null {
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try { path = decodeURIComponent(u.pathname); } catch { return null; }
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, normalize(`.${path}`));
  return file.startsWith(base + sep) ? file : null;
}

/** Content-Type for a served file; unknown types are refused rather than sniffed. */
export function contentTypeFor(file: string): string | null {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? null;
}
