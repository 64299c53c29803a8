// The images the renderer shows (docs/CONTRACTS.md §4, assets), for both smgeo:// and /asset/.
// Only what the user opened is served: frames of the open folder, tiles of open mosaics, and
// heatmaps this session computed.
import { ApiError } from '../../shared/errors';
import { frameForDisplay, thumbnail } from '../frames';
import { frameFile, isVideoEntry, videoThumbnail } from '../frames/video-source';
import { toApiError } from '../app/errors';
import type { Session } from '../app/session';

export interface AssetResponse {
  status: number;
  mime: string;
  body: Buffer;
  cacheControl: string;
}

// Leaflet asks for tiles beyond the mosaic's edge; a transparent pixel keeps them blank, not broken.
const EMPTY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const FRAME = /^(frame|thumb)\/(\d{1,9})$/;
const TILE = /^tile\/([A-Za-z0-9_-]{1,128})\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})\.png$/;
const HEATMAP = /^heatmap\/([A-Za-z0-9_-]{1,128})\.png$/;

function ok(mime: string, body: Buffer, cacheControl = 'no-cache'): AssetResponse {
  return { status: 200, mime, body, cacheControl };
}

function failure(status: number, message: string): AssetResponse {
  return { status, mime: 'text/plain; charset=utf-8', body: Buffer.from(message), cacheControl: 'no-store' };
}

async function route(session: Session, path: string): Promise<AssetResponse> {
  let m = FRAME.exec(path);
  if (m) {
    const entry = session.frameByIndex(Number(m[2]));
    const file = session.access.check(entry.path, 'frame image');
    if (m[1] === 'thumb') return ok('image/jpeg', isVideoEntry(entry) ? await videoThumbnail(entry) : await thumbnail(file));
    const frame = await frameForDisplay(await frameFile(entry));
    return ok(frame.mime, frame.body);
  }
  m = TILE.exec(path);
  if (m) {
    const mosaic = session.mosaicById(m[1]);
    session.access.check(mosaic.info.path, 'map tile');
    const png = await mosaic.tile(Number(m[2]), Number(m[3]), Number(m[4]));
    // Tiles of a given mosaic never change while it is open (its id is tied to its path).
    return ok('image/png', png ?? EMPTY_PNG, 'private, max-age=3600');
  }
  m = HEATMAP.exec(path);
  if (m) {
    const heatmap = session.heatmap(m[1]);
    if (!heatmap) throw new ApiError('not-found', `No heatmap is kept for object ${m[1]}; run the localization again to see it.`);
    return ok('image/png', heatmap.png, 'private, max-age=3600');
  }
  throw new ApiError('not-found', `There is no asset ${path.slice(0, 200)}.`);
}

/** `path` is the part after `smgeo://app/` or `/asset/`, still URL-encoded. */
export async function serveAsset(session: Session, path: string): Promise<AssetResponse> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return failure(400, 'The asset address is not valid.');
  }
  try {
    return await route(session, decoded);
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'not-allowed') return failure(403, e.message);
    if (e.code === 'not-found' || e.code === 'no-frames' || e.code === 'no-project') return failure(404, e.message);
    if (e.code === 'internal') console.error(`[assets] ${decoded}`, err);
    return failure(500, e.message);
  }
}
