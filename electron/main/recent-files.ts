/**
 * The "Open Recent" list: most recent first, no duplicates, at most MAX_RECENT entries. Paths are compared
 * as given on POSIX and case-insensitively on Windows and macOS (their default file systems are), so
 * `C:\a.pcap` and `c:\A.pcap` are one entry.
 */
import { isPlausiblePath, MAX_RECENT } from './settings';

export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** `list` with `path` moved (or added) to the front; invalid paths leave the list unchanged. */
export function addRecent(list: readonly string[], path: string, platform: NodeJS.Platform, max = MAX_RECENT): string[] {
  if (!isPlausiblePath(path)) return [...list];
  return [path, ...list.filter((p) => !samePath(p, path, platform))].slice(0, max);
}

/** `list` without `path` (a recent file that no longer opens). */
export function removeRecent(list: readonly string[], path: string, platform: NodeJS.Platform): string[] {
  return list.filter((p) => !samePath(p, path, platform));
}

/** Menu label for a recent file: "1  name.pcap — /dir" so equal names in different folders differ. */
export function recentLabel(path: string, index: number): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = cut >= 0 ? path.slice(cut + 1) : path;
  const dir = cut > 0 ? path.slice(0, cut) : '';
  // '&' starts a mnemonic in Windows/Linux menu labels; doubled it is shown literally.
  const text = dir ? `${name} — ${dir}` : name;
  return `${index < 9 ? `&${index + 1}  ` : ''}${text.replace(/&/g, '&&')}`;
}
