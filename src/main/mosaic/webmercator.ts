// XYZ tile arithmetic for the Web-Mercator tiles the map pane (Leaflet) asks for.
export const TILE_SIZE = 256;
const ORIGIN_SHIFT = Math.PI * 6378137; // half the equator in EPSG:3857 metres

export function tileBoundsMercator(z: number, x: number, y: number): { minX: number; minY: number; maxX: number; maxY: number } {
  const span = (2 * ORIGIN_SHIFT) / 2 ** z;
  return {
    minX: -ORIGIN_SHIFT + x * span,
    maxX: -ORIGIN_SHIFT + (x + 1) * span,
    maxY: ORIGIN_SHIFT - y * span,
    minY: ORIGIN_SHIFT - (y + 1) * span,
  };
}

export function mercatorToLonLat(mx: number, my: number): [number, number] {
  const lon = (mx / ORIGIN_SHIFT) * 180;
  const lat = (Math.atan(Math.exp((my / ORIGIN_SHIFT) * Math.PI)) * 360) / Math.PI - 90;
  return [lon, lat];
}

export function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const latR = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * n, ((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n];
}

export function isValidTile(z: number, x: number, y: number): boolean {
  return Number.isInteger(z) && Number.isInteger(x) && Number.isInteger(y) && z >= 0 && z <= 30 && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;
}
