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
