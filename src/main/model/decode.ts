/** Heatmap/box decoding: sigmoid, 3×3 max-pool NMS, top-k, box read at each peak. */

export type Box = [number, number, number, number];

export interface Peak {
  score: number;
  /** Heatmap cell of the peak. */
  cell: { x: number; y: number };
  /** Absolute xyxy box in reference-chip pixels, as the graph decoded it at this cell. */
  box: Box;
}

export function sigmoid(logits: Float32Array): Float32Array {
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = 1 / (1 + Math.exp(-logits[i]!));
  return out;
}

/**
 * Indices of cells that equal the maximum of their 3×3 neighbourhood — what
 * `max_pool2d(k=3, s=1, p=1) == x` keeps in PyTorch, so plateaus keep every cell.
 */
export function localMaxima(values: Float32Array, width: number, height: number): number[] {
  const peaks: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x]!;
      let isPeak = true;
      for (let dy = -1; dy <= 1 && isPeak; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          if (values[ny * width + nx]! > v) {
            isPeak = false;
            break;
          }
        }
      }
      if (isPeak) peaks.push(y * width + x);
    }
  }
  return peaks;
}

/**
 * The k best local maxima of a probability map, best first, each with the box the `box`
 * map ([4, h, w], channel-major) holds at that cell.
 */
export function decodePeaks(probs: Float32Array, boxes: Float32Array, width: number, height: number, topK: number): Peak[] {
  const plane = width * height;
  if (probs.length !== plane) throw new Error(`heatmap has ${probs.length} values, expected ${width}×${height}`);
  if (boxes.length !== plane * 4) throw new Error(`box map has ${boxes.length} values, expected 4×${width}×${height}`);
  const peaks = localMaxima(probs, width, height);
  // Stable tie-break on the cell index keeps results reproducible across runs.
  peaks.sort((a, b) => probs[b]! - probs[a]! || a - b);
  return peaks.slice(0, Math.max(0, topK)).map((i) => ({
    score: probs[i]!,
    cell: { x: i % width, y: Math.floor(i / width) },
    box: [boxes[i]!, boxes[plane + i]!, boxes[2 * plane + i]!, boxes[3 * plane + i]!],
  }));
}
