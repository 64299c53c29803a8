import { useCallback, useState } from 'react';
import type { LocalizeView, ObjectView } from '../../shared/api';
import { invoke } from '../api-client';

export interface PendingClick {
  frameIndex: number;
  x: number;
  y: number;
}

export interface HeatmapView {
  url: string;
  /** west, south, east, north. */
  boundsLonLat: [number, number, number, number];
}

export interface LocalizeRequest extends PendingClick {
  centre?: { lon: number; lat: number };
  mosaicId?: string;
}

/** The model's latency for one click: the total if main reports one, else the sum of its stages. */
export function latencyOf(timings: Record<string, number>): number | null {
  if (typeof timings.totalMs === 'number') return timings.totalMs;
  if (typeof timings.total === 'number') return timings.total;
  const values = Object.values(timings);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

/**
 * Runs `localize.run` for a click on a frame. One click at a time: the model session is
 * single-threaded in main, and a second click while busy would only queue behind the first.
 */
export function useLocalize(onLocated: (object: ObjectView) => void, onError: (error: unknown) => void) {
  const [pending, setPending] = useState<PendingClick | null>(null);
  const [heatmaps, setHeatmaps] = useState<Record<string, HeatmapView>>({});
  const [last, setLast] = useState<{ latencyMs: number | null; provider: string } | null>(null);

  const localize = useCallback(
    async (req: LocalizeRequest) => {
      if (pending) return;
      setPending({ frameIndex: req.frameIndex, x: req.x, y: req.y });
      try {
        const result: LocalizeView = await invoke('localize.run', {
          frameIndex: req.frameIndex,
          click: { x: req.x, y: req.y },
          ...(req.centre ? { centre: req.centre } : {}),
          ...(req.mosaicId ? { mosaicId: req.mosaicId } : {}),
        });
        setHeatmaps((all) => ({ ...all, [result.object.id]: result.heatmap }));
        setLast({ latencyMs: latencyOf(result.timings), provider: result.provider });
        onLocated(result.object);
      } catch (error) {
        onError(error);
      } finally {
        setPending(null);
      }
    },
    [onError, onLocated, pending],
  );

  return { localize, pending, heatmaps, last };
}
