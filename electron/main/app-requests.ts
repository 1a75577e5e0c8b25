/**
 * Validate → call → answer for the renderer's requests to main (electron/preload/app-contract.ts). The
 * renderer is untrusted input (Electron security checklist #17): a request is served only when it comes
 * from the app's own page, names a known request and carries a payload that passes its check; the
 * handler then gets a typed payload. ./ipc-handlers.ts registers this with ipcMain.handle, one channel
 * per request name.
 */
import {
  type AppRequestName, type AppRequestPayload, type AppResponse, checkAppRequest,
} from '../preload/app-contract';
import { isAppUrl } from './csp';

export type AppHandlers = {
  [K in AppRequestName]: (payload: AppRequestPayload<K>) => AppResponse<K> | Promise<AppResponse<K>>;
};

export interface SenderPolicy {
  appOrigin: string;
  devServer: string | null;
}

/** Thrown to the renderer (ipcRenderer.invoke rejects with its message). */
export class AppRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppRequestError';
  }
}

/** Serves one request; rejects with AppRequestError for a foreign sender, unknown name or bad payload. */
export async function dispatchAppRequest(
  handlers: AppHandlers, name: string, payload: unknown, senderUrl: string, policy: SenderPolicy,
): Promise<unknown> {
  if (!isAppUrl(senderUrl, policy.appOrigin, policy.devServer)) {
    throw new AppRequestError(`request ${name} refused: sender ${senderUrl.slice(0, 100)} is not the app`);
  }
  const why = checkAppRequest(name, payload);
  if (why) throw new AppRequestError(why);
  const handler = handlers[name as AppRequestName] as (p: unknown) => unknown;
  return handler(payload);
}
