// The asset paths of docs/CONTRACTS.md §4, as src/shared/api.ts's `assetPaths` writes them. Kept
// here because importing any value from src/shared/api.ts pulls zod (~half the bundle) into the
// window for three string templates; test/renderer/asset-paths.test.ts keeps the two identical.
export const assetPaths = {
  frame: (index: number) => `frame/${index}`,
  thumb: (index: number) => `thumb/${index}`,
  tile: (mosaicId: string) => `tile/${encodeURIComponent(mosaicId)}/{z}/{x}/{y}.png`,
  heatmap: (objectId: string) => `heatmap/${encodeURIComponent(objectId)}.png`,
};

/**
 * Frame indices restart in every folder, so `frame/0` of a newly opened folder has the URL of the
 * old folder's first frame, and Chromium would show the image it already holds. A tag of the
 * folder in the query (main reads only the path) makes each folder's images distinct URLs.
 */
export function withFolderTag(url: string, folder: string): string {
  let h = 5381;
  for (let i = 0; i < folder.length; i++) h = ((h * 33) ^ folder.charCodeAt(i)) >>> 0;
  return `${url}${url.includes('?') ? '&' : '?'}f=${h.toString(36)}`;
}
