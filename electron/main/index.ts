/**
 * SynAck's main process: wiring only (STYLE.md §9.5); every decision lives in a module tests load without
 * Electron. Refuses root, keeps one instance (a second launch's file opens here), opens the file from
 * argv / the OS / the seed, builds the window, menu and IPC, supervises the worker, runs `--smoke`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, nativeTheme, protocol, session, type WebContents } from 'electron';
import { type AppEventName, type AppEvents, type MenuCommand, viewSettings } from '../preload/app-contract';
import { APP_ORIGIN, APP_SCHEME, contentTypeFor, resolveAppRequest } from './app-protocol';
import type { AppHandlers } from './app-requests';
import { contentSecurityPolicy } from './csp';
import { registerIpcHandlers } from './ipc-handlers';
import { installMenu } from './menu';
import type { MenuAction, MenuState } from './menu-model';
import { fileFromSecondInstance, parseAppArgs, PendingOpen, seedCapturePath } from './open-file-args';
import { addRecent } from './recent-files';
import { ROOT_REFUSAL_TITLE, rootRefusal } from './root-check';
import { type Settings, SettingsFile, ZOOM_MAX, ZOOM_MIN } from './settings';
import { runSmoke, SMOKE_PROBE_SCRIPT } from './smoke';
import { createMainWindow, guardAllWebContents, lockDownSession } from './windows';
import { WorkerSupervisor } from './worker-supervisor';

const here = dirname(fileURLToPath(import.meta.url));
const devServer = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const args = parseAppArgs(process.argv, { defaultApp: Boolean(process.defaultApp), cwd: process.cwd() });

const refusal = rootRefusal({ platform: process.platform, uid: process.getuid?.(), env: process.env });
if (refusal) {
  process.stderr.write(`${ROOT_REFUSAL_TITLE}\n\n${refusal}\n`);
  dialog.showErrorBox(ROOT_REFUSAL_TITLE, refusal);
  app.exit(1);
}

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const pending = new PendingOpen();
let win: BrowserWindow | null = null;
let settingsFile: SettingsFile;
let settings: Settings;
const ui = { hasSource: false, capturing: false, conversationSelected: false, conversationShown: false, marked: false };

function send<K extends AppEventName>(wc: WebContents | undefined, name: K, payload: AppEvents[K]): void {
  if (wc && !wc.isDestroyed()) wc.send(name, payload);
}
const command = (c: MenuCommand): void => send(win?.webContents, 'menu.command', c);
const openPath = (path: string): void => pending.push(path);

/** Stores a change and applies it; the page hears of it unless it made the change itself (`fromPage`). */
function updateSettings(change: (s: Settings) => Settings, fromPage = false): void {
  settings = settingsFile.update(change);
  nativeTheme.themeSource = settings.theme;
  win?.webContents.setZoomLevel(settings.zoomLevel);
  if (!fromPage) send(win?.webContents, 'settings.changed', viewSettings(settings));
  refreshMenu();
}

function refreshMenu(): void {
  const state: MenuState = {
    platform: process.platform, appName: app.name, recentFiles: settings.recentFiles, ...ui,
    theme: settings.theme, hiddenColumns: settings.hiddenColumns, customColumns: settings.customColumns, rowColors: settings.rowColors, timeFormat: settings.timeFormat, dev: !app.isPackaged,
  };
  installMenu(state, onMenuAction);
}

async function openDialog(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open capture file', properties: ['openFile'],
    filters: [{ name: 'Captures', extensions: ['pcap', 'pcapng', 'cap', 'gz'] }, { name: 'All files', extensions: ['*'] }],
  };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
}

function onMenuAction(a: MenuAction): void {
  switch (a.kind) {
    case 'renderer': command(a.command); break;
    case 'openDialog': void openDialog().then((p) => { if (p) openPath(p); }); break;
    case 'openRecent': openPath(a.path); break;
    case 'openSeed': openPath(seedPath()); break;
    case 'clearRecent': updateSettings((s) => ({ ...s, recentFiles: [] })); break;
    case 'setTheme': updateSettings((s) => ({ ...s, theme: a.theme })); break;
    case 'toggleColumn': updateSettings((s) => ({
      ...s, hiddenColumns: s.hiddenColumns.includes(a.column) ? s.hiddenColumns.filter((c) => c !== a.column) : [...s.hiddenColumns, a.column],
    })); break;
    case 'toggleCustomColumn': updateSettings((s) => ({
      ...s, customColumns: s.customColumns.map((c) => (c.id === a.id ? { ...c, hidden: !c.hidden } : c)),
    })); break;
    case 'setRowColors': updateSettings((s) => ({ ...s, rowColors: a.rowColors })); break;
    case 'setTimeFormat': updateSettings((s) => ({ ...s, timeFormat: a.timeFormat })); break;
    case 'zoom': updateSettings((s) => ({ ...s, zoomLevel: a.step === 0 ? 0 : Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, s.zoomLevel + a.step)) })); break;
    case 'about': void dialog.showMessageBox({
      type: 'info', title: `About ${app.name}`, message: `${app.name} ${app.getVersion()}`,
      detail: 'See TCP at work: every handshake, data phase and close explained.\nElectron ' + process.versions.electron,
    }); break;
  }
}

const seedPath = (): string => seedCapturePath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });

function handlers(supervisor: WorkerSupervisor): AppHandlers {
  return {
    'app.openFileDialog': () => openDialog(),
    'app.saveFileDialog': async ({ defaultName }) => {
      const o: Electron.SaveDialogOptions = { title: 'Save as pcapng', defaultPath: defaultName, filters: [{ name: 'pcapng', extensions: ['pcapng'] }] };
      const r = win ? await dialog.showSaveDialog(win, o) : await dialog.showSaveDialog(o);
      if (r.canceled || !r.filePath) return null;
      // The page sends this path to the worker in `file.export`; the worker writes only granted paths.
      supervisor.grantExport(r.filePath);
      return r.filePath;
    },
    'app.initialFile': () => pending.attach((p) => command({ command: 'file.open', path: p })),
    'app.fileOpened': ({ path }) => {
      updateSettings((s) => ({ ...s, recentFiles: addRecent(s.recentFiles, path, process.platform) }));
      app.addRecentDocument(path);
      return null;
    },
    'settings.get': () => viewSettings(settings),
    'app.uiState': (s) => { Object.assign(ui, s); refreshMenu(); return null; },
    'app.listView': (v) => {
      updateSettings((s) => ({
        ...s, hiddenColumns: [...v.hiddenColumns], customColumns: v.customColumns, rowColors: v.rowColors, timeFormat: v.timeFormat,
        coloringRules: v.coloringRules,
      }), true);
      return null;
    },
    'app.elevateWorker': () => (win ? supervisor.connectElevated(win.webContents) : { ok: false, message: 'no window' }),
  };
}

/**
 * app:// → files of the built renderer, read directly (net.fetch of file:// would pass through the
 * session's request filter, which refuses file://), with the CSP header on every response.
 */
function serveRenderer(): void {
  const root = join(here, '../renderer');
  const csp = contentSecurityPolicy({ devServer });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, root);
    const type = file ? contentTypeFor(file) : null;
    if (!file || !type) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'content-type': type, 'content-security-policy': csp, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

async function smoke(wc: WebContents, screenshot: string, timeoutMs: number): Promise<void> {
  const code = await runSmoke({
    probe: () => wc.executeJavaScript(SMOKE_PROBE_SCRIPT, false),
    screenshot: async () => {
      const image = await wc.capturePage();
      mkdirSync(dirname(screenshot), { recursive: true });
      writeFileSync(screenshot, image.toPNG());
    },
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: (line) => process.stdout.write(`${line}\n`),
  }, timeoutMs);
  app.exit(code);
}

function start(): void {
  settingsFile = new SettingsFile(app.getPath('userData'));
  settings = settingsFile.load();
  nativeTheme.themeSource = settings.theme;
  serveRenderer();
  lockDownSession(session.defaultSession, devServer);
  const supervisor = new WorkerSupervisor({
    workerEntry: join(here, 'capture-worker.js'),
    onRestarted: (wc, reason) => send(wc, 'worker.restarted', { reason }),
    onGaveUp: (_wc, reason) => dialog.showErrorBox('Capture worker stopped', reason),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  registerIpcHandlers(handlers(supervisor), { appOrigin: APP_ORIGIN, devServer }, (wc) => supervisor.connect(wc));
  refreshMenu();
  win = createMainWindow({
    preload: join(here, '../preload/index.cjs'), devServer, bounds: settings.window, zoomLevel: settings.zoomLevel,
    title: app.name, onBoundsChanged: (b) => { settings = settingsFile.update((s) => ({ ...s, window: b })); },
  });
  const wc = win.webContents;
  win.on('closed', () => { supervisor.dispose(); win = null; });
  app.once('will-quit', () => supervisor.dispose());
  if (args.smoke) wc.once('did-finish-load', () => void smoke(wc, args.smoke!.screenshot, args.smoke!.timeoutMs));
}

if (!refusal) {
  app.setName('SynAck');
  // A second launch hands its file over (additionalData survives Chromium's argv rewriting) and quits.
  const gotLock = args.smoke !== null || app.requestSingleInstanceLock({ file: args.file });
  if (!gotLock) app.quit();
  app.on('second-instance', (_e, argv, cwd, data) => {
    const file = (data as { file?: unknown } | null)?.file;
    const path = typeof file === 'string' ? file : fileFromSecondInstance(argv, cwd, Boolean(process.defaultApp));
    if (path) openPath(path);
    if (win) { if (win.isMinimized()) win.restore(); win.focus(); }
  });
  app.on('open-file', (e, path) => { e.preventDefault(); openPath(path); });
  app.on('window-all-closed', () => app.quit());
  guardAllWebContents(devServer);
  const initial = args.file ?? seedPath();
  if (args.file || existsSync(initial)) pending.push(initial);
  if (gotLock) void app.whenReady().then(start);
}
