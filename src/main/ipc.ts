// Electron transport: one `api` channel, every payload validated by dispatch(). Only our own
// page may call it; a frame from anywhere else gets an error, never a handler.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../shared/errors';
import { dispatch } from './handlers';
import type { Session } from './app/session';

export const IPC_CHANNEL = 'api';

export function registerIpc(ipcMain: IpcMain, session: Session, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<ApiResult> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'not-allowed', message: `API call refused: it came from ${url || 'an unknown page'}, not from the app.` } };
    }
    if (typeof channel !== 'string') return { ok: false, error: { code: 'unknown-channel', message: 'API call without a channel name.' } };
    return dispatch(session, channel, input);
  });
}
