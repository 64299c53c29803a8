// KML for Google Earth: one placemark per object with its box, a balloon with the frame thumbnail
// (an embedded JPEG data URI, so the single .kml file carries it) and the attributes as ExtendedData.
import path from 'node:path';
import { toKML } from '@placemarkio/tokml';
import type { Feature, Polygon } from 'geojson';
import { writeFileAtomic } from '../store/atomic-file';
import type { LocatedObject } from '../store/types';
import { OBJECT_ATTRIBUTES, objectAttributes } from './attributes';
import { exteriorRing } from '../../shared/geometry';
import { selectForExport, type ExportOptions, type ExportResult } from './select';

/** A small JPEG of the frame an object was found in, or null when the frame cannot be read now. */
export type FrameThumbnail = (frameIndex: number, frameName: string) => Promise<Buffer | null>;

export interface KmlOptions extends ExportOptions {
  documentName?: string;
  thumbnail?: FrameThumbnail;
  /** Called with the number of objects written so far; throwing stops the export. */
  onProgress?: (written: number) => void;
}

const PLACEMARKS_PER_CHUNK = 1000;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

function balloon(o: LocatedObject, jpeg: Buffer | null): string {
  const rows = [
    ['label', o.label],
    ['status', o.status],
    ['frame', `${o.frame.name} (#${o.frame.index})`],
    ['model', `${o.model.id} (${o.model.provider})`],
    ['score', o.chosen >= 0 && o.chosen < o.candidates.length ? o.candidates[o.chosen].score.toFixed(3) : 'drawn by hand'],
    ['note', o.note],
    ['updated', o.updatedAt],
  ];
  const img = jpeg ? `<img src="data:image/jpeg;base64,${jpeg.toString('base64')}" alt="frame ${escapeXml(o.frame.name)}"/><br/>` : '';
  const table = rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${escapeXml(String(v))}</td></tr>`).join('');
  return `${img}<table>${table}</table>`;
}

export async function placemarks(objs: readonly LocatedObject[], opts: KmlOptions): Promise<string> {
  const thumbs = new Map<number, Buffer | null>();
  const features: Feature<Polygon>[] = [];
  for (const o of objs) {
    if (opts.thumbnail && !thumbs.has(o.frame.index)) thumbs.set(o.frame.index, await opts.thumbnail(o.frame.index, o.frame.name).catch(() => null));
    const values = objectAttributes(o);
    const properties: Record<string, unknown> = {
      name: o.label || `${o.status} object ${o.id.slice(0, 8)}`,
      description: { '@type': 'html', value: balloon(o, thumbs.get(o.frame.index) ?? null) },
    };
    OBJECT_ATTRIBUTES.forEach(([name], i) => {
      if (values[i] !== null) properties[name] = String(values[i]);
    });
    features.push({ type: 'Feature', id: o.id, properties, geometry: { type: 'Polygon', coordinates: [exteriorRing(o.ring)] } });
  }
  const kml = toKML({ type: 'FeatureCollection', features });
  const start = kml.indexOf('<Document>') + '<Document>'.length;
  return kml.slice(start, kml.lastIndexOf('</Document>'));
}

export function kmlHead(documentName = 'SMGeo objects'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escapeXml(documentName)}</name>`;
}
export const KML_TAIL = '\n</Document></kml>\n';

async function* kmlChunks(objs: readonly LocatedObject[], opts: KmlOptions): AsyncGenerator<string> {
  yield kmlHead(opts.documentName);
  for (let start = 0; start < objs.length; start += PLACEMARKS_PER_CHUNK) {
    const chunk = objs.slice(start, start + PLACEMARKS_PER_CHUNK);
    yield await placemarks(chunk, opts);
    opts.onProgress?.(start + chunk.length);
  }
  yield KML_TAIL;
}

/** Accepted and corrected objects (by default) as a KML file Google Earth opens directly. */
export async function writeKml(file: string, objs: LocatedObject[], opts: KmlOptions = {}): Promise<ExportResult> {
  const selected = selectForExport(objs, opts);
  const target = path.resolve(file);
  await writeFileAtomic(target, kmlChunks(selected, opts));
  return { count: selected.length, path: target };
}
