/**
 * The main window and its session, locked down per Electron's security checklist: context isolation,
 * sandbox, no Node in the page, web security on; the app's pages only (app:// or the dev server), no
 * navigation away, no new windows, no webviews, no permissions but clipboard writing (./permission-policy.ts), no
 * remote requests; a strict CSP header
 * on every response. Closing with unsaved packet comments asks first. Size and position are remembered (./window-state.ts).
 */
import { app, BrowserWindow, dialog, screen, type Session } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol';
import { contentSecurityPolicy, isAppUrl } from './csp';
import { grantsPermission } from './permission-policy';
import type { WindowBounds } from './settings';
import { boundsToSave, initialWindowOptions, MIN_SIZE } from './window-state';

export interface MainWindowOptions {
  preload: string;
  devServer: string | null;
  bounds: WindowBounds | null;
  zoomLevel: number;
  title: string;
  onBoundsChanged(bounds: WindowBounds): void;
}

/** Headers, permissions and request filtering for the window's session (once per session). */
export function lockDownSession(ses: Session, devServer: string | null): void {
  const csp = contentSecurityPolicy({ devServer });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No remote content: only the app's origin, the dev server (development), devtools and data: URLs load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const u = details.url;
    const ok = isAppUrl(u, APP_ORIGIN, devServer) || u.startsWith('devtools://') || u.startsWith('data:')
      || (devServer !== null && u.startsWith(devServer.replace(/^http/, 'ws')));
    callback({ cancel: !ok });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(grantsPermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => grantsPermission(permission));
  ses.setDevicePermissionHandler?.(() => false);
}

/**
 * The same rules for every webContents the app ever gets (devtools, anything a future feature adds), not
 * only the main window: no new windows, no navigation away from the app, no webviews.
 */
export function guardAllWebContents(devServer: string | null): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e, url) => { if (!isAppUrl(url, APP_ORIGIN, devServer)) e.preventDefault(); });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const place = initialWindowOptions(opts.bounds, workAreas);
  const win = new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width, height: place.height, minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height,
    title: opts.title, show: false, backgroundColor: '#16284a',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would open links in a new window (electronegativity AUXCLICK_JS_CHECK); none are wanted.
      disableBlinkFeatures: 'Auxclick',
      zoomFactor: Math.pow(1.2, opts.zoomLevel),
    },
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (e, url) => { if (!isAppUrl(url, APP_ORIGIN, opts.devServer)) e.preventDefault(); });
  wc.on('will-frame-navigate', (e) => { if (!isAppUrl(e.url, APP_ORIGIN, opts.devServer)) e.preventDefault(); });
  wc.on('will-redirect', (e, url) => { if (!isAppUrl(url, APP_ORIGIN, opts.devServer)) e.preventDefault(); });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  // The page holds the window while packet comments it edited are not saved (its beforeunload): ask, as Wireshark asks
  // before closing a modified capture. Leaving is the page's unload going ahead.
  wc.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question', buttons: ['Close without saving', 'Cancel'], defaultId: 1, cancelId: 1, noLink: true,
      message: 'Packet comments you edited are not saved.', detail: 'File ▸ Save As writes the capture with them.',
    });
    if (choice === 0) e.preventDefault();
  });
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => opts.onBoundsChanged(boundsToSave(win.getNormalBounds(), win.isMaximized())));
  void win.loadURL(opts.devServer ?? APP_ENTRY_URL);
  return win;
}


