/**
 * The one web permission the window's session grants: writing text to the clipboard ('clipboard-sanitized-write',
 * what navigator.clipboard.writeText asks for), so the Copy menus work. Reading the clipboard, media, notifications,
 * geolocation, HID/serial/USB and everything else stay refused: the renderer shows local captures and needs none.
 */
const GRANTED: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a permission request (or check) from the app's renderer is granted. */
export function grantsPermission(permission: string): boolean {
  return GRANTED.has(permission);
}
