import type { LeafletMouseEvent } from 'leaflet';
import { useCallback } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Drag for a polygon (Leaflet has none): the map stops panning while the shape follows the
 * mouse; `onMove` gets the offset from where the drag began, `onEnd` the final offset.
 */
export function usePolygonDrag(onMove: (dLon: number, dLat: number) => void, onEnd: (dLon: number, dLat: number) => void) {
  const map = useMap();
  return useCallback(
    (e: LeafletMouseEvent) => {
      if (e.originalEvent.button !== 0) return;
      e.originalEvent.preventDefault();
      const start = e.latlng;
      map.dragging.disable();
      const offset = (ev: MouseEvent) => {
        const at = map.mouseEventToLatLng(ev);
        return [at.lng - start.lng, at.lat - start.lat] as const;
      };
      const move = (ev: MouseEvent) => onMove(...offset(ev));
      const up = (ev: MouseEvent) => {
        document.removeEventListener('mousemove', move);
        document.removeEventListener('mouseup', up);
        map.dragging.enable();
        onEnd(...offset(ev));
      };
      document.addEventListener('mousemove', move);
      document.addEventListener('mouseup', up);
    },
    [map, onMove, onEnd],
  );
}
