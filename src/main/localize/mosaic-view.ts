import type { RgbImage } from '../image/rgb';

/**
 * What the localize use case needs from a mosaic (src/main/mosaic's `Mosaic` has it); kept
 * structural so the use case can be tested with small fakes.
 */
export interface MosaicView {
  info: { id: string; path: string; crs: { code: string } };
  crsToLonLat(X: number, Y: number): [number, number];
  lonLatToCrs(lon: number, lat: number): [number, number];
  /** CRS units per ground metre eastwards near (X, Y). */
  metresToCrsUnits(X: number, Y: number): number;
  /** [east, north] CRS units per ground metre; they differ in geographic CRSs. Preferred when present. */
  metresToCrsUnitsXY?(X: number, Y: number): [number, number];
  readWindowCrs(bounds: { minX: number; minY: number; maxX: number; maxY: number }, width: number, height: number): Promise<RgbImage>;
}

export type CrsBounds = [number, number, number, number];
