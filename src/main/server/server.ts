// The app API over HTTP for browser mode and end-to-end tests: the SAME handlers as Electron's IPC,
// bound to 127.0.0.1 only, behind a per-run token and a Host check (against DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAsset } from '../handlers/assets';
import { SECURITY_HEADERS } from '../csp';
import { dispatch } from '../handlers';
import type { Session } from '../app/session';
import { readRendererFile } from '../renderer-files';

export const TOKEN_HEADER = 'x-smgeo-token';
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ServerOptions {
  session: Session;
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  /** 0 = a free port chosen by the system. */
  port?: number;
  token?: string;
  bodyLimitBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** HTTP status for each error code; anything not listed is a problem the user can act on (422). */
const STATUS_BY_CODE: Record<string, number> = {
  'invalid-input': 400,
  'unknown-channel': 404,
  'not-allowed': 403,
  'not-found': 404,
  internal: 500,
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpFailure(413, 'too-large', `The request body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpFailure(413, 'too-large', `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const limit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  let allowedHosts = new Set<string>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpFailure(405, 'method', 'Use POST for /api calls.');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      throw new HttpFailure(401, 'unauthorized', `Missing or wrong ${TOKEN_HEADER} header. Open the URL the server printed (it carries the token).`);
    }
    const raw = await readBody(req, limit);
    let input: unknown;
    try {
      input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpFailure(400, 'invalid-json', 'The request body is not valid JSON.');
    }
    const result = await dispatch(opts.session, channel, input);
    if (result.ok) sendJson(res, 200, result.value);
    else sendJson(res, STATUS_BY_CODE[result.error.code] ?? 422, result.error);
  }

  async function handleAsset(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpFailure(405, 'method', 'Use GET for assets.');
    // No cookie: a cookie for 127.0.0.1 would reach every other local service on any port.
    const given = url.searchParams.get('t') ?? (req.headers[TOKEN_HEADER] as string | undefined);
    if (!sameToken(given ?? undefined, token)) throw new HttpFailure(401, 'unauthorized', 'Missing or wrong token for this asset.');
    const asset = await serveAsset(opts.session, url.pathname.slice('/asset/'.length));
    send(res, asset.status, req.method === 'HEAD' ? '' : asset.body, { 'Content-Type': asset.mime, 'Cache-Control': asset.cacheControl });
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpFailure(405, 'method', 'Only GET is served here.');
    const file = await readRendererFile(opts.rendererDir, url.pathname);
    if (!file) {
      const hint = url.pathname === '/' ? ` The renderer is not built in ${opts.rendererDir}; run \`npm run build\`.` : '';
      throw new HttpFailure(404, 'not-found', `Nothing at ${url.pathname}.${hint}`);
    }
    // The page's scripts take the token from the URL and put it on asset URLs (?t=); no cookie is set.
    const headers: Record<string, string> = { 'Content-Type': file.mime, 'Cache-Control': 'no-cache' };
    send(res, 200, req.method === 'HEAD' ? '' : file.body, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      throw new HttpFailure(403, 'bad-host', 'This server only answers requests addressed to 127.0.0.1 or localhost on its own port.');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (url.pathname.startsWith('/asset/')) return handleAsset(req, res, url);
    return handleStatic(req, res, url);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpFailure) sendError(res, err.status, err.code, err.message);
      else {
        console.error('[server] unexpected error', err);
        sendError(res, 500, 'internal', 'The server failed to answer this request; see its console.');
      }
      // Drain what the client is still sending so it sees the answer instead of a reset.
      req.resume();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
