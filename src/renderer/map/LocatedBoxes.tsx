import { Polygon } from 'react-leaflet';
import type { ObjectView } from '../../shared/api';
import type { Position } from '../lib/box-geometry';
import { STATUS_COLOURS, testIdOnAdd, toLatLngs } from './map-helpers';

/** Every located object except the selected one; a click selects it. */
export function LocatedBoxes({ objects, onSelect }: { objects: ObjectView[]; onSelect(id: string): void }) {
  return (
    <>
      {objects.map((o) => (
        <Polygon
          key={o.id}
          positions={toLatLngs(o.ring as Position[])}
          className="located-box"
          pathOptions={{
            color: STATUS_COLOURS[o.status],
            weight: 2,
            fillOpacity: o.status === 'rejected' ? 0 : 0.1,
            dashArray: o.status === 'rejected' ? '3 3' : undefined,
          }}
          eventHandlers={{ ...testIdOnAdd(`box-${o.id}`), click: () => onSelect(o.id) }}
        />
      ))}
    </>
  );
}
