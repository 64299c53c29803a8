import { memo, useMemo } from 'react';
import { Polygon } from 'react-leaflet';
import type { ObjectView } from '../../shared/api';
import type { Position } from '../lib/box-geometry';
import { STATUS_COLOURS, testIdOnAdd, toLatLngs } from './map-helpers';

interface LocatedBoxesProps {
  objects: ObjectView[];
  /** The selected object, drawn editable elsewhere. */
  hiddenId: string | null;
  onSelect(id: string): void;
}

/**
 * Every located object except the selected one; a click selects it. Memoised per box: with
 * thousands of objects a frame step or a keystroke in the search must not touch the boxes.
 */
export const LocatedBoxes = memo(function LocatedBoxes({ objects, hiddenId, onSelect }: LocatedBoxesProps) {
  return (
    <>
      {objects.map((o) => (o.id === hiddenId ? null : <LocatedBox key={o.id} object={o} onSelect={onSelect} />))}
    </>
  );
});

const LocatedBox = memo(function LocatedBox({ object: o, onSelect }: { object: ObjectView; onSelect(id: string): void }) {
  const positions = useMemo(() => toLatLngs(o.ring as Position[]), [o.ring]);
  const pathOptions = useMemo(
    () => ({
      color: STATUS_COLOURS[o.status],
      weight: 2,
      fillOpacity: o.status === 'rejected' ? 0 : 0.1,
      dashArray: o.status === 'rejected' ? '3 3' : undefined,
    }),
    [o.status],
  );
  const eventHandlers = useMemo(() => ({ ...testIdOnAdd(`box-${o.id}`), click: () => onSelect(o.id) }), [o.id, onSelect]);
  return <Polygon positions={positions} className="located-box" pathOptions={pathOptions} eventHandlers={eventHandlers} />;
});
