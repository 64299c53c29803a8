import L from 'leaflet';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useMap, useMapEvents } from 'react-leaflet';
import { FORMAT_NAMES, formatCoordinates, type CoordinateFormat } from '../lib/coordinates';

interface MapBasicsProps {
  format: CoordinateFormat;
  onCycleFormat(): void;
}

/**
 * A metric scale bar and the coordinates under the cursor. The readout keeps its own state, so a
 * mouse move re-renders this line only, not the boxes on the map.
 */
export function MapBasics({ format, onCycleFormat }: MapBasicsProps) {
  const map = useMap();
  const [cursor, setCursor] = useState<{ lon: number; lat: number } | null>(null);
  useMapEvents({
    mousemove: (e) => setCursor({ lon: e.latlng.lng, lat: e.latlng.lat }),
    mouseout: () => setCursor(null),
  });

  useEffect(() => {
    const scale = L.control.scale({ metric: true, imperial: false, position: 'bottomleft', maxWidth: 140 }).addTo(map);
    scale.getContainer()?.setAttribute('data-testid', 'map-scale');
    return () => {
      scale.remove();
    };
  }, [map]);

  return createPortal(
    <div className="map-readout" data-testid="map-readout" onMouseMove={(e) => e.stopPropagation()}>
      <button
        type="button"
        className="map-readout-format"
        data-testid="coordinate-format"
        title="Lat/Lon, UTM or MGRS (G)"
        onClick={(e) => {
          e.stopPropagation();
          onCycleFormat();
        }}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        {FORMAT_NAMES[format]}
      </button>
      <span data-testid="cursor-coordinates">{cursor ? formatCoordinates(cursor.lon, cursor.lat, format) : '—'}</span>
    </div>,
    map.getContainer(),
  );
}
