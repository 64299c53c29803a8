// When the mosaic's imagery was taken, as far as the file says: an acquisition item in GDAL's
// metadata (what most imagery providers write) first, else the TIFF DateTime tag, which is often the
// processing date and is labelled as such.
import { fromFile } from 'geotiff';
import type { DatedSource } from '../../shared/date-gap';

export type { DatedSource } from '../../shared/date-gap';

const ACQUISITION_ITEM = /^(ACQUISITION_?DATE_?TIME|ACQUISITION_?DATE|DATE_?ACQUIRED|ACQUISITION_?TIME|IMAGING_?DATE|IMAGE_?DATE|CAPTURE_?DATE|SENSING_?TIME|DATE_?TIME_?ORIGINAL)$/i;

/** "2023:01:15 10:00:00", "2023-01-15T10:00:00Z", "20230115" → ISO; null when it is not a date. */
export function isoDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const t = text.replace(/\0/g, '').trim();
  const m = /^(\d{4})[:\-/]?(\d{2})[:\-/]?(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}:?\d{2})?/.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return h ? `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone ?? ''}` : `${y}-${mo}-${d}`;
}

export async function readAcquisitionDate(path: string): Promise<DatedSource | null> {
  const tiff = await fromFile(path);
  try {
    const image = await tiff.getImage();
    const items = ((await image.getGDALMetadata()) ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(items)) {
      const date = ACQUISITION_ITEM.test(name) ? isoDate(value) : null;
      if (date) return { date, source: `GDAL metadata ${name}` };
    }
    const fd = image.fileDirectory;
    const tagged = fd.hasTag('DateTime') ? isoDate(await fd.loadValue('DateTime')) : (isoDate(items.TIFFTAG_DATETIME) ?? null);
    return tagged ? { date: tagged, source: 'TIFF DateTime tag (may be the processing date)' } : null;
  } finally {
    tiff.close?.();
  }
}
