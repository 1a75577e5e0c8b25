/**
 * ipcMain.handle for each app request (../preload/app-contract.ts), through ./app-requests.ts
 * (sender check, payload validation) to the handlers index.ts supplies; and the port request, which
 * answers on the sender's own webContents.
 */
import { ipcMain, type WebContents } from 'electron';
import { APP_REQUEST_NAMES, REQUEST_PORT_CHANNEL } from '../preload/app-contract';
import { type AppHandlers, dispatchAppRequest, type SenderPolicy } from './app-requests';
import { isAppUrl } from './csp';

export function registerIpcHandlers(handlers: AppHandlers, policy: SenderPolicy, onPortRequest: (wc: WebContents) => void): () => void {
  for (const name of APP_REQUEST_NAMES) {
    ipcMain.handle(name, (event, payload: unknown) =>
      dispatchAppRequest(handlers, name, payload, event.senderFrame?.url ?? '', policy));
  }
  const onPort = (event: Electron.IpcMainEvent): void => {
    if (isAppUrl(event.senderFrame?.url ?? '', policy.appOrigin, policy.devServer)) onPortRequest(event.sender);
  };
  ipcMain.on(REQUEST_PORT_CHANNEL, onPort);
  return () => {
    for (const name of APP_REQUEST_NAMES) ipcMain.removeHandler(name);
    ipcMain.removeListener(REQUEST_PORT_CHANNEL, onPort);
  };
}
