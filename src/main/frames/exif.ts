// Frame position from photo metadata: EXIF GPS, refined by DJI's XMP gimbal angles where present.
import exifr from 'exifr';
import { isUsablePosition, normaliseHeading, toNumber, type Telemetry } from './telemetry.js';

function dmsToDegrees(v: unknown, ref: unknown): number | undefined {
  let deg: number | undefined;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const [d, m = 0, s = 0] = Array.from(v as ArrayLike<number>, Number);
    deg = d + m / 60 + s / 3600;
  } else {
    deg = toNumber(v);
  }
  if (deg === undefined || !Number.isFinite(deg)) return undefined;
  return typeof ref === 'string' && /^[SW]/i.test(ref) ? -Math.abs(deg) : deg;
}

function firstByte(v: unknown): number | undefined {
  if (ArrayBuffer.isView(v)) return (v as Uint8Array)[0];
  return toNumber(v);
}

/** Maps the tags exifr returns (GPS block + merged XMP) to telemetry; null without a usable position. */
export function telemetryFromExif(tags: Record<string, unknown> | null | undefined): Telemetry | null {
  if (!tags) return null;
  const lat = toNumber(tags.latitude) ?? dmsToDegrees(tags.GPSLatitude, tags.GPSLatitudeRef);
  const lon = toNumber(tags.longitude) ?? dmsToDegrees(tags.GPSLongitude, tags.GPSLongitudeRef);
  if (!isUsablePosition(lat, lon)) return null;
  const t: Telemetry = { lat: lat!, lon: lon!, source: 'exif' };
  const gpsAlt = toNumber(tags.GPSAltitude);
  const alt = toNumber(tags.RelativeAltitude) ?? (gpsAlt !== undefined && firstByte(tags.GPSAltitudeRef) === 1 ? -gpsAlt : gpsAlt);
  if (alt !== undefined) t.altM = alt;
  // the camera's heading is what the frame shows; the airframe's yaw is a fallback
  const heading = toNumber(tags.GimbalYawDegree) ?? toNumber(tags.FlightYawDegree) ?? toNumber(tags.GPSImgDirection);
  if (heading !== undefined) t.headingDeg = normaliseHeading(heading);
  const pitch = toNumber(tags.GimbalPitchDegree);
  if (pitch !== undefined) t.pitchDeg = pitch;
  return t;
}

/** Telemetry from one image file's metadata; null when it has none or cannot be read. */
export async function readExifTelemetry(path: string): Promise<Telemetry | null> {
  try {
    const tags = (await exifr.parse(path, { gps: true, xmp: true, tiff: true, exif: false })) as
      | Record<string, unknown>
      | undefined;
    return telemetryFromExif(tags);
  } catch {
    // A frame without readable metadata simply has no telemetry; decoding reports real damage.
    return null;
  }
}
