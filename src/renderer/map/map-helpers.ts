import type { Layer, LeafletEventHandlerFnMap } from 'leaflet';
import type { Position } from '../lib/box-geometry';

/**
 * Leaflet applies a path's className only when the path is created, so colours that follow the
 * object's status go through pathOptions (which Leaflet updates); keep them in step with styles.css.
 */
export const STATUS_COLOURS: Record<string, string> = {
  pending: '#f5c542',
  accepted: '#3ecf6e',
  corrected: '#39c6d6',
  rejected: '#ef5b5b',
};
export const ACCENT = '#4da3ff';
export const DRONE = '#ff7a1a';

/** GeoJSON [lon, lat] ring → Leaflet [lat, lon] positions. */
export function toLatLngs(ring: readonly Position[]): [number, number][] {
  return ring.map(([lon, lat]) => [lat, lon]);
}

/** [west, south, east, north] → Leaflet [[south, west], [north, east]]. */
export function boundsOf(b: readonly [number, number, number, number]): [[number, number], [number, number]] {
  return [
    [b[1], b[0]],
    [b[3], b[2]],
  ];
}

/**
 * Leaflet layers take no arbitrary attributes; this puts a data-testid on the layer's element
 * when it is added so the end-to-end tests can find boxes and handles like any other control.
 */
export function testIdOnAdd(testId: string): LeafletEventHandlerFnMap {
  return {
    add: (e) => {
      const el = (e.target as Layer & { getElement?: () => HTMLElement | SVGElement | undefined }).getElement?.();
      el?.setAttribute('data-testid', testId);
    },
  };
}

/** A point `distanceM` metres from (lon, lat) along a compass heading (flat earth: short distances). */
export function offsetByHeading(lon: number, lat: number, headingDeg: number, distanceM: number): [number, number] {
  const h = (headingDeg * Math.PI) / 180;
  const dLat = (distanceM * Math.cos(h)) / 111_320;
  const dLon = (distanceM * Math.sin(h)) / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return [lon + dLon, lat + dLat];
}

/** The deepest web-mercator zoom whose pixels are still no finer than the mosaic's. */
export function nativeZoomFor(gsdM: number, latDeg: number): number {
  const metresPerPixelAtZ0 = 156_543.03392 * Math.cos((latDeg * Math.PI) / 180);
  return Math.max(0, Math.min(24, Math.ceil(Math.log2(metresPerPixelAtZ0 / Math.max(gsdM, 1e-3)))));
}

/** Leaflet fills in {z}/{x}/{y}; an asset URL builder may have percent-encoded the braces. */
export function tileTemplate(url: string): string {
  return url.replace(/%7B([zxy])%7D/gi, '{$1}');
}
