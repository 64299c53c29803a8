import { useCallback, useState } from 'react';
import { Polygon } from 'react-leaflet';
import { squareAround } from '../lib/box-geometry';
import { ACCENT, testIdOnAdd, toLatLngs } from './map-helpers';
import { usePolygonDrag } from './usePolygonDrag';

interface SearchAreaProps {
  centre: { lon: number; lat: number };
  sideM: number;
  /** Only a frame without telemetry lets the user place the search area. */
  draggable: boolean;
  onMoved(centre: { lon: number; lat: number }): void;
}

/** The square of mosaic the model will search: the reference chip's footprint. */
export function SearchArea({ centre, sideM, draggable, onMoved }: SearchAreaProps) {
  const [offset, setOffset] = useState<[number, number] | null>(null);
  const onMove = useCallback((dLon: number, dLat: number) => setOffset([dLon, dLat]), []);
  const onEnd = useCallback(
    (dLon: number, dLat: number) => {
      setOffset(null);
      onMoved({ lon: centre.lon + dLon, lat: centre.lat + dLat });
    },
    [centre.lat, centre.lon, onMoved],
  );
  const startDrag = usePolygonDrag(onMove, onEnd);
  const shown = offset ? [centre.lon + offset[0], centre.lat + offset[1]] : [centre.lon, centre.lat];
  return (
    <Polygon
      key={draggable ? 'draggable' : 'fixed'}
      positions={toLatLngs(squareAround([shown[0], shown[1]], sideM))}
      className={`search-area${draggable ? ' draggable' : ''}`}
      pathOptions={{ color: ACCENT, fill: true, fillOpacity: 0.05, dashArray: '6 4', weight: 2 }}
      interactive={draggable}
      bubblingMouseEvents={false}
      eventHandlers={{ ...testIdOnAdd('search-area'), ...(draggable ? { mousedown: startDrag } : {}) }}
    />
  );
}
