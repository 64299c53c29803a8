// The renderer's typed door to main: Electron's preload bridge when present, else the HTTP
// server of browser mode (POST /api/<channel> with the token the server printed in the page URL).
import type { Channel, Input, Output, SmgeoBridge } from '../shared/api';
import { ApiError, isApiErrorBody, type ApiResult } from '../shared/errors';

export { ApiError };

declare global {
  interface Window {
    smgeo?: SmgeoBridge;
  }
}

const TOKEN_KEY = 'smgeo-token';
const TOKEN_HEADER = 'x-smgeo-token';

function bridge(): SmgeoBridge | undefined {
  return typeof window !== 'undefined' ? window.smgeo : undefined;
}

let cachedToken: string | null = null;

/**
 * The server's token: taken once from `?token=` (then removed from the address bar so it is not
 * bookmarked or shared) and kept in sessionStorage so a reload still works.
 */
export function browserToken(): string {
  if (cachedToken !== null) return cachedToken;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    cachedToken = fromUrl;
    return fromUrl;
  }
  let stored: string | null = null;
  try {
    stored = window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    stored = null;
  }
  cachedToken = stored ?? '';
  return cachedToken;
}

export const isElectron = (): boolean => bridge() !== undefined;

export const platform = (): string => bridge()?.platform ?? 'browser';

function unwrap<C extends Channel>(result: ApiResult): Output<C> {
  if (result.ok) return result.value as Output<C>;
  throw ApiError.fromBody(result.error);
}

async function invokeHttp(channel: string, input: unknown): Promise<ApiResult> {
  let res: Response;
  try {
    res = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: browserToken() },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'The SMGeo server is not answering. Check that `npm run serve` is still running, then reload the page.' } };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, value: body };
  if (res.status === 401) {
    return { ok: false, error: { code: 'unauthorized', message: 'The server refused this page: open the exact URL it printed when it started (it carries the access token).' } };
  }
  if (isApiErrorBody(body)) return { ok: false, error: body };
  return { ok: false, error: { code: 'internal', message: `The server answered ${res.status} ${res.statusText} to ${channel}.` } };
}

/** Calls one API channel; rejects with an ApiError whose message is meant for the user. */
export async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const b = bridge();
  return unwrap<C>(b ? await b.invoke(channel, input) : await invokeHttp(channel, input));
}

/** The URL for an asset path (see assetPaths), e.g. `frame/3` or a tile template. */
export function assetUrl(path: string): string {
  const b = bridge();
  if (b) return b.assetUrl(path);
  const clean = path.replace(/^\/+/, '');
  return `/asset/${clean}?t=${encodeURIComponent(browserToken())}`;
}
