import type { RgbaImage } from '../image/rgb';
import type { Heatmap } from '../model';

/** Below this probability the overlay is fully transparent, so the map stays readable. */
const VISIBLE_FROM = 0.05;
const MAX_ALPHA = 200;

/** Colour stops (probability → RGB), dark purple through red to yellow like "inferno". */
const STOPS: [number, [number, number, number]][] = [
  [0.0, [40, 11, 84]],
  [0.35, [120, 28, 109]],
  [0.6, [212, 72, 66]],
  [0.8, [249, 142, 9]],
  [1.0, [252, 255, 164]],
];

function colourAt(p: number): [number, number, number] {
  for (let s = 1; s < STOPS.length; s++) {
    const [p1, c1] = STOPS[s]!;
    const [p0, c0] = STOPS[s - 1]!;
    if (p <= p1) {
      const t = (p - p0) / (p1 - p0);
      return [0, 1, 2].map((k) => Math.round(c0[k]! + t * (c1[k]! - c0[k]!))) as [number, number, number];
    }
  }
  return STOPS[STOPS.length - 1]![1];
}

/** The heatmap as an RGBA overlay at its own resolution: coloured by probability, transparent where low. */
export function heatmapToRgba(heatmap: Heatmap): RgbaImage {
  const n = heatmap.width * heatmap.height;
  if (heatmap.data.length !== n) throw new Error(`heatmap has ${heatmap.data.length} values, expected ${heatmap.width}×${heatmap.height}`);
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const p = Math.min(1, Math.max(0, heatmap.data[i]!));
    const [r, g, b] = colourAt(p);
    data[i * 4] = r;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = b;
    data[i * 4 + 3] = p < VISIBLE_FROM ? 0 : Math.round(MAX_ALPHA * Math.min(1, (p - VISIBLE_FROM) / (0.5 - VISIBLE_FROM)));
  }
  return { width: heatmap.width, height: heatmap.height, data };
}
