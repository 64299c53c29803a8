// Electron entry: one locked-down window, the smgeo:// protocol for the renderer and its images,
// the API over IPC, and the project opened at start (the sample on first run).
import { app, BrowserWindow, dialog, ipcMain, protocol, session as electronSession, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { fileURLToPath } from 'node:url';
import type { DialogKind } from '../shared/api';
import { serveAsset } from './handlers/assets';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, devContentSecurityPolicy } from './csp';
import { dispatch, Session } from './handlers';
import { accessQuestion, type AccessRequest } from './app/widen-access';
import { registerIpc } from './ipc';
import { PRODUCT_NAME, rendererDir, resourcesDir, userDataDir } from './paths';
import { readRendererFile } from './renderer-files';

const APP_ORIGIN = 'smgeo://app';
const ASSET_PATH = /^\/(frame|thumb|tile|heatmap)\//;
// electron-vite sets this only for `electron-vite dev`; a packaged app never loads from a dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;

// Must happen before `ready`: a standard, secure scheme gets an origin, fetch and CSP 'self'.
protocol.registerSchemesAsPrivileged([
  { scheme: 'smgeo', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

app.setName(PRODUCT_NAME);
app.setPath('userData', userDataDir());

function isTrustedUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
}

type DialogSpec = { save: false; options: OpenDialogOptions } | { save: true; options: SaveDialogOptions };

const DIALOGS: Record<DialogKind, DialogSpec> = {
  'project-open': { save: false, options: { title: 'Open project', properties: ['openFile'], filters: [{ name: 'SMGeo project', extensions: ['smgeo'] }] } },
  'project-save': { save: true, options: { title: 'New project', defaultPath: 'project.smgeo', filters: [{ name: 'SMGeo project', extensions: ['smgeo'] }] } },
  folder: { save: false, options: { title: 'Choose the folder of drone frames', properties: ['openDirectory'] } },
  mosaic: { save: false, options: { title: 'Open mosaic', properties: ['openFile'], filters: [{ name: 'GeoTIFF', extensions: ['tif', 'tiff'] }] } },
  'export-geojson': { save: true, options: { title: 'Export GeoJSON', defaultPath: 'objects.geojson', filters: [{ name: 'GeoJSON', extensions: ['geojson', 'json'] }] } },
  'export-csv': { save: true, options: { title: 'Export CSV', defaultPath: 'objects.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] } },
  'export-gpkg': { save: true, options: { title: 'Export GeoPackage', defaultPath: 'objects.gpkg', filters: [{ name: 'GeoPackage', extensions: ['gpkg'] }] } },
  video: { save: false, options: { title: 'Open drone video (its .SRT is found beside it)', properties: ['openFile'], filters: [{ name: 'Video', extensions: ['mp4', 'MP4', 'mov', 'MOV', 'm4v'] }] } },
  'export-kml': { save: true, options: { title: 'Export KML (Google Earth)', defaultPath: 'objects.kml', filters: [{ name: 'KML', extensions: ['kml'] }] } },
};

async function pickPath(kind: DialogKind): Promise<string | null> {
  const spec = DIALOGS[kind];
  const parent = BrowserWindow.getFocusedWindow();
  if (spec.save) {
    const r = parent ? await dialog.showSaveDialog(parent, spec.options) : await dialog.showSaveDialog(spec.options);
    return r.canceled || !r.filePath ? null : r.filePath;
  }
  const r = parent ? await dialog.showOpenDialog(parent, spec.options) : await dialog.showOpenDialog(spec.options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function withHeaders(body: Buffer | string, status: number, headers: Record<string, string>): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers: { ...SECURITY_HEADERS, ...headers } });
}

function lockDown(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Pages from the dev server (HTTP) get the CSP here; smgeo:// responses carry it themselves.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const csp = devServerUrl && details.url.startsWith(devServerUrl) ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY;
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // The window title is the product's, whatever <title> the page sets.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

/** A project naming locations outside its own folder: the user decides before the app reads them. */
async function confirmAccess(request: AccessRequest): Promise<boolean> {
  const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options = {
    type: 'warning' as const,
    title: PRODUCT_NAME,
    message: 'Let this project open locations outside its own folder?',
    detail: accessQuestion(request),
    buttons: ['Allow', 'Do not allow'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return r.response === 0;
}

/** Reopens the last project; on first run (no recent projects) opens the bundled sample. */
async function openStartupProject(session: Session): Promise<void> {
  const recent = await session.recentProjects();
  const result = recent.length > 0 ? await dispatch(session, 'project.open', { path: recent[0] }) : await dispatch(session, 'project.openSample', {});
  if (!result.ok) console.warn(`[startup] ${result.error.message}`);
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  const session = new Session({
    userDataDir: app.getPath('userData'),
    resourcesDir: resourcesDir({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot }),
    pickPath,
    pathsMustBePicked: true,
    confirmAccess,
  });
  const renderer = rendererDir(appRoot);

  lockDown();
  protocol.handle('smgeo', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return withHeaders('Not found', 404, { 'Content-Type': 'text/plain' });
    if (ASSET_PATH.test(url.pathname)) {
      const asset = await serveAsset(session, url.pathname.slice(1));
      return withHeaders(asset.body, asset.status, { 'Content-Type': asset.mime, 'Cache-Control': asset.cacheControl });
    }
    const file = await readRendererFile(renderer, url.pathname);
    if (!file) return withHeaders(`Nothing at ${url.pathname}`, 404, { 'Content-Type': 'text/plain' });
    return withHeaders(file.body, 200, { 'Content-Type': file.mime, 'Cache-Control': 'no-cache' });
  });
  registerIpc(ipcMain, session, isTrustedUrl);

  await openStartupProject(session);
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Quit once the session is closed: running exports are cancelled first, so that their
    // workers remove their temporary files instead of dying with the process.
    event.preventDefault();
    closed = true;
    void session.close().finally(() => app.quit());
  });
}

// Two instances would fight over the same project database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(PRODUCT_NAME, `The app could not start: ${err instanceof Error ? err.message : String(err)}`);
      app.quit();
    });
}
