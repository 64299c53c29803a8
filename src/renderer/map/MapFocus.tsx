import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export interface FocusRequest {
  /** [[south, west], [north, east]] */
  bounds: [[number, number], [number, number]];
  /** Grows with every request, so asking twice for the same place still moves the map. */
  seq: number;
  maxZoom?: number;
}

export function MapFocus({ request }: { request: FocusRequest | null }) {
  const map = useMap();
  useEffect(() => {
    if (!request) return;
    const fit = () => map.fitBounds(request.bounds, { padding: [24, 24], maxZoom: request.maxZoom ?? 21, animate: false });
    // A wheel zoom still animating ends by setting its own view, which would undo a fit made now.
    if ((map as unknown as { _animatingZoom?: boolean })._animatingZoom) {
      map.once('zoomend', fit);
      return () => {
        map.off('zoomend', fit);
      };
    }
    fit();
  }, [map, request]);
  return null;
}
