// Serves the built renderer (out/renderer) for both transports, never anything outside it.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { mimeFor } from './csp';

export interface StaticFile {
  body: Buffer;
  mime: string;
}

/** The file for a URL path like `/assets/index-abc.js`, or null when it is outside the renderer or absent. */
export function rendererFilePath(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, rel));
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

export async function readRendererFile(rendererDir: string, urlPath: string): Promise<StaticFile | null> {
  const file = rendererFilePath(rendererDir, urlPath);
  if (!file) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), mime: mimeFor(file) };
  } catch {
    return null;
  }
}
