import type { FramesView, MosaicView, ObjectView } from '../../shared/api';

type FrameItemView = FramesView['frames'][number];

type LatLngBounds = [[number, number], [number, number]];

/**
 * Everything the project places on the map — mosaics, located boxes, drone positions — in one
 * [[south, west], [north, east]] box; null when there is nothing to show.
 */
export function projectBounds(mosaics: MosaicView[], objects: ObjectView[], frames: FrameItemView[]): LatLngBounds | null {
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  const add = (lon: number, lat: number) => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    s = Math.min(s, lat);
    n = Math.max(n, lat);
    w = Math.min(w, lon);
    e = Math.max(e, lon);
  };
  for (const m of mosaics) {
    add(m.boundsLonLat[0], m.boundsLonLat[1]);
    add(m.boundsLonLat[2], m.boundsLonLat[3]);
  }
  for (const o of objects) for (const [lon, lat] of o.ring) add(lon, lat);
  for (const f of frames) if (f.telemetry) add(f.telemetry.lon, f.telemetry.lat);
  return s <= n && w <= e ? [[s, w], [n, e]] : null;
}
