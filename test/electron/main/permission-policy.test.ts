import { describe, expect, it } from 'vitest';
import { grantsPermission } from '../../../electron/main/permission-policy';

describe('permission policy of the window\'s session', () => {
  it('grants writing text to the clipboard (the Copy menus) and nothing else', () => {
    expect(grantsPermission('clipboard-sanitized-write')).toBe(true);
    // Electron's other permission names (session.setPermissionRequestHandler), reading the clipboard included.
    for (const p of ['clipboard-read', 'media', 'display-capture', 'mediaKeySystem', 'geolocation', 'notifications', 'midi', 'midiSysex',
      'pointerLock', 'fullscreen', 'openExternal', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'storage-access', '']) {
      expect(grantsPermission(p), p).toBe(false);
    }
  });
});
