// Frame position from photo metadata: EXIF GPS, refined by DJI's XMP gimbal angles where present.
import { open } from 'node:fs/promises';
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
  const relAlt = toNumber(tags.RelativeAltitude); // DJI XMP: above take-off
  const absAlt = toNumber(tags.AbsoluteAltitude);
  const alt = relAlt ?? (gpsAlt !== undefined && firstByte(tags.GPSAltitudeRef) === 1 ? -gpsAlt : gpsAlt);
  if (alt !== undefined) {
    t.altM = alt;
    t.altRef = relAlt !== undefined ? 'takeoff' : 'sea';
  }
  if (relAlt !== undefined && absAlt !== undefined) t.takeoffElevationM = absAlt - relAlt;
  // the camera's heading is what the frame shows; the airframe's yaw is a fallback
  const heading = toNumber(tags.GimbalYawDegree) ?? toNumber(tags.FlightYawDegree) ?? toNumber(tags.GPSImgDirection);
  if (heading !== undefined) t.headingDeg = normaliseHeading(heading);
  const pitch = toNumber(tags.GimbalPitchDegree);
  if (pitch !== undefined) t.pitchDeg = pitch;
  const roll = toNumber(tags.GimbalRollDegree);
  if (roll !== undefined) t.rollDeg = roll;
  Object.assign(t, focalOf(tags));
  return t;
}

const UNIT_MM: Record<number, number> = { 2: 25.4, 3: 10, 4: 1, 5: 0.001 }; // EXIF FocalPlaneResolutionUnit

/** 35 mm-equivalent focal length, else physical focal length with the sensor width it implies. */
function focalOf(tags: Record<string, unknown>): Pick<Telemetry, 'focal35mm' | 'focalMm' | 'sensorWidthMm'> {
  const f35 = toNumber(tags.FocalLengthIn35mmFormat);
  if (f35 !== undefined && f35 > 0) return { focal35mm: f35 };
  const focalMm = toNumber(tags.FocalLength);
  const xRes = toNumber(tags.FocalPlaneXResolution);
  const width = toNumber(tags.ExifImageWidth) ?? toNumber(tags.ImageWidth);
  const unit = UNIT_MM[toNumber(tags.FocalPlaneResolutionUnit) ?? 2];
  if (focalMm === undefined || !(focalMm > 0) || xRes === undefined || !(xRes > 0) || width === undefined || unit === undefined) return {};
  return { focalMm, sensorWidthMm: (width / xRes) * unit };
}

/** EXIF and XMP sit at the start of a frame file; a bounded read keeps a damaged file from costing more. */
const METADATA_BYTES = 512 * 1024;

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(METADATA_BYTES);
    const { bytesRead } = await fh.read(buf, 0, METADATA_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Telemetry from one image file's metadata; null when it has none or cannot be read. */
export async function readExifTelemetry(path: string): Promise<Telemetry | null> {
  try {
    // exifr is given bytes, not the path: on a damaged file it leaves its own file handle open.
    const tags = (await exifr.parse(await readHead(path), { gps: true, xmp: true, tiff: true, exif: true })) as
      | Record<string, unknown>
      | undefined;
    return telemetryFromExif(tags);
  } catch {
    // A frame without readable metadata simply has no telemetry; decoding reports real damage.
    return null;
  }
}
