import L from 'leaflet';
import { useCallback, useMemo, useState } from 'react';
import { Marker, Polygon } from 'react-leaflet';
import type { ObjectView } from '../../shared/api';
import { resizeRingFromCorner, ringCorners, translateRing, type Position } from '../lib/box-geometry';
import { STATUS_COLOURS, testIdOnAdd, toLatLngs } from './map-helpers';
import { usePolygonDrag } from './usePolygonDrag';

const handleIcon = L.divIcon({ className: 'box-handle', iconSize: [12, 12], iconAnchor: [6, 6] });

interface EditableBoxProps {
  object: ObjectView;
  /** A corrected ring to store (the box was moved or resized). */
  onChange(ring: Position[]): void;
}

/**
 * The selected object's box: drag inside to move it, drag a corner handle to resize it. The
 * edit is previewed locally and stored once, when the mouse is released.
 */
export function EditableBox({ object, onChange }: EditableBoxProps) {
  const [preview, setPreview] = useState<Position[] | null>(null);
  const ring = preview ?? (object.ring as Position[]);
  const stored = object.ring as Position[];

  const onMove = useCallback((dLon: number, dLat: number) => setPreview(translateRing(stored, dLon, dLat)), [stored]);
  const onEnd = useCallback(
    (dLon: number, dLat: number) => {
      setPreview(null);
      if (dLon !== 0 || dLat !== 0) onChange(translateRing(stored, dLon, dLat));
    },
    [onChange, stored],
  );
  const startDrag = usePolygonDrag(onMove, onEnd);

  const corners = useMemo(() => {
    try {
      return ringCorners(ring);
    } catch {
      // A box drawn elsewhere with more than four corners can be moved but not resized here.
      return [];
    }
  }, [ring]);

  return (
    <>
      <Polygon
        positions={toLatLngs(ring)}
        className="located-box selected"
        pathOptions={{ color: STATUS_COLOURS[object.status], weight: 3, fillOpacity: 0.15 }}
        bubblingMouseEvents={false}
        eventHandlers={{ ...testIdOnAdd('selected-box'), mousedown: startDrag }}
      />
      {corners.map(([lon, lat], i) => (
        <Marker
          key={i}
          position={[lat, lon]}
          icon={handleIcon}
          draggable
          keyboard={false}
          eventHandlers={{
            ...testIdOnAdd(`box-handle-${i}`),
            drag: (e) => {
              const at = (e.target as L.Marker).getLatLng();
              setPreview(resizeRingFromCorner(stored, i, [at.lng, at.lat]));
            },
            dragend: (e) => {
              const at = (e.target as L.Marker).getLatLng();
              setPreview(null);
              onChange(resizeRingFromCorner(stored, i, [at.lng, at.lat]));
            },
          }}
        />
      ))}
    </>
  );
}
