import { Polygon } from 'react-leaflet';
import type { ObjectView } from '../../shared/api';
import { ellipseRing } from '../../shared/geometry';
import { testIdOnAdd, toLatLngs } from './map-helpers';

/** The 3σ ellipse of where the click's ray met the ground (the localization prior), for one object. */
export function PriorEllipse({ object }: { object: ObjectView }) {
  const prior = object.searchCentre.localization?.prior;
  if (!prior) return null;
  const ring = ellipseRing({ centre: prior.ground, semiMajorM: prior.semiMajorM, semiMinorM: prior.semiMinorM, azimuthDeg: prior.azimuthDeg }, 3);
  return (
    <Polygon
      key={object.id}
      positions={toLatLngs(ring)}
      className="prior-ellipse"
      pathOptions={{ color: '#38bdf8', fill: true, fillOpacity: 0.06, dashArray: '3 5', weight: 1.5 }}
      interactive={false}
      eventHandlers={testIdOnAdd('prior-ellipse')}
    />
  );
}
