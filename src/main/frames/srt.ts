// DJI flight-record subtitles (.SRT): one block per video frame with position and gimbal angles.
import { isUsablePosition, normaliseHeading, toNumber, type Telemetry } from './telemetry.js';

export interface SrtBlock {
  block: number; // 1-based block number as written in the file
  startMs: number | null;
  telemetry: Telemetry | null; // null when the block carries no usable position
}

/** A block that carries a position; usable wherever a Telemetry is expected. */
export interface SrtTelemetry extends Telemetry {
  block: number;
  startMs: number | null;
}

const TIME_LINE = /(\d+):(\d{2}):(\d{2})[,.](\d{1,3})\s*-->/;
const NUMBER = '([-+]?\\d+(?:\\.\\d+)?)';

function field(text: string, names: string[]): number | undefined {
  for (const name of names) {
    // "[latitude: 47.1]", "[latitude : 47.1]", "rel_alt: 120.0 abs_alt: ..."
    const m = new RegExp(`(?:^|[\\s\\[,])${name}\\s*[:=]\\s*${NUMBER}`, 'i').exec(text);
    if (m) return toNumber(m[1]);
  }
  return undefined;
}

function parseTime(line: string): number | null {
  const m = TIME_LINE.exec(line);
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4].padEnd(3, '0'));
}

function telemetryOf(text: string): Telemetry | null {
  let lat = field(text, ['latitude']);
  let lon = field(text, ['longitude', 'longtitude']); // some DJI firmwares spell it "longtitude"
  const relAlt = field(text, ['rel_alt']);
  const absAlt = field(text, ['abs_alt']);
  let altM = relAlt ?? field(text, ['altitude']) ?? absAlt;
  // rel_alt (and older firmwares' "altitude") is above take-off; abs_alt alone is above sea level.
  let altRef: Telemetry['altRef'] = relAlt === undefined && altM !== undefined && altM === absAlt ? 'sea' : 'takeoff';
  // Older firmwares: GPS(lon,lat,alt) and a barometric height; HOME(...) is the take-off point, not the drone.
  const gps = new RegExp(`\\bGPS\\s*\\(\\s*${NUMBER}\\s*,\\s*${NUMBER}(?:\\s*,\\s*${NUMBER})?`, 'i').exec(text);
  if ((lat === undefined || lon === undefined) && gps) {
    lon = toNumber(gps[1]);
    lat = toNumber(gps[2]);
    const baro = field(text, ['BAROMETER', 'H']);
    altM = baro ?? toNumber(gps[3]);
    altRef = baro === undefined ? 'sea' : 'takeoff';
  }
  if (!isUsablePosition(lat, lon)) return null;
  const t: Telemetry = { lat: lat!, lon: lon!, source: 'srt' };
  if (altM !== undefined) {
    t.altM = altM;
    t.altRef = altRef;
  }
  if (relAlt !== undefined && absAlt !== undefined) t.takeoffElevationM = absAlt - relAlt;
  const yaw = field(text, ['gb_yaw', 'gimbal_yaw', 'yaw']);
  if (yaw !== undefined) t.headingDeg = normaliseHeading(yaw);
  const pitch = field(text, ['gb_pitch', 'gimbal_pitch', 'pitch']);
  if (pitch !== undefined) t.pitchDeg = pitch;
  const roll = field(text, ['gb_roll', 'gimbal_roll']); // the camera's roll, not the airframe's
  if (roll !== undefined) t.rollDeg = roll;
  const focal = field(text, ['focal_len']); // DJI writes the 35 mm-equivalent focal length
  if (focal !== undefined && focal > 0) t.focal35mm = focal;
  return t;
}

/** Every block of the file, with or without a position, in file order. */
export function parseSrtBlocks(text: string): SrtBlock[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const blocks: SrtBlock[] = [];
  for (const chunk of clean.split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length < 2 || !/^\d+$/.test(lines[0])) continue;
    const startMs = parseTime(lines[1]);
    if (startMs === null) continue;
    const body = lines.slice(2).join(' ').replace(/<[^>]*>/g, ' ');
    blocks.push({ block: Number(lines[0]), startMs, telemetry: telemetryOf(body) });
  }
  return blocks;
}

/** The blocks that carry a position (blocks without one are left out; `block` keeps the numbering). */
export function parseSrt(text: string): SrtTelemetry[] {
  return parseSrtBlocks(text).flatMap((b) => (b.telemetry ? [{ ...b.telemetry, block: b.block, startMs: b.startMs }] : []));
}

/**
 * Frame index → block. Block n belongs to frame n−1; when the video was cut into fewer frames
 * than it has blocks, frames are spread over the blocks in time order.
 */
export function mapBlocksToFrames(blocks: SrtBlock[], frameCount: number): Map<number, SrtBlock> {
  const out = new Map<number, SrtBlock>();
  if (blocks.length === 0 || frameCount === 0) return out;
  if (blocks.length <= frameCount) {
    for (const b of blocks) if (b.block >= 1 && b.block <= frameCount) out.set(b.block - 1, b);
    return out;
  }
  const ordered = [...blocks].sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0) || a.block - b.block);
  for (let i = 0; i < frameCount; i++) {
    const pos = frameCount === 1 ? 0 : Math.round((i * (ordered.length - 1)) / (frameCount - 1));
    out.set(i, ordered[pos]);
  }
  return out;
}
