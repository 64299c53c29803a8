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

/** What the last click reported: its latency, the provider, and what decided the answer. */
export interface LastLocalize {
  latencyMs: number;
  provider: string;
  decidedBy: LocalizeView['decidedBy'];
  /** Why the click's ray was not used, or null. */
  fallbackReason: string | null;
}

/**
 * Runs `localize.run` for a click on a frame. One click at a time: the model session is
 * single-threaded in main, and a second click while busy would only queue behind the first.
 */
export function useLocalize(onLocated: (object: ObjectView) => void, onError: (error: unknown) => void) {
  const [pending, setPending] = useState<PendingClick | null>(null);
  const [heatmaps, setHeatmaps] = useState<Record<string, HeatmapView>>({});
  const [last, setLast] = useState<LastLocalize | null>(null);

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
        setLast({ latencyMs: result.timings.totalMs, provider: result.provider, decidedBy: result.decidedBy, fallbackReason: result.fallbackReason });
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
