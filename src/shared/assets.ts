// Asset paths (docs/CONTRACTS.md §4) as the renderer builds them; pass the result to assetUrl().
// Separate from api.ts so that importing them does not pull zod into the renderer bundle.

export const assetPaths = {
  frame: (index: number): string => `frame/${index}`,
  thumb: (index: number): string => `thumb/${index}`,
  /** A Leaflet URL template: `{z}/{x}/{y}` are left for Leaflet to fill. */
  tile: (mosaicId: string): string => `tile/${encodeURIComponent(mosaicId)}/{z}/{x}/{y}.png`,
  heatmap: (objectId: string): string => `heatmap/${encodeURIComponent(objectId)}.png`,
};
