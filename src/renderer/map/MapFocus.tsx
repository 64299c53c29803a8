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
    if (request) map.fitBounds(request.bounds, { padding: [24, 24], maxZoom: request.maxZoom ?? 21, animate: false });
  }, [map, request]);
  return null;
}
