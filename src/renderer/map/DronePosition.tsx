import { CircleMarker, Polyline, Tooltip } from 'react-leaflet';
import type { TelemetryView } from '../../shared/api';
import { DRONE, offsetByHeading, testIdOnAdd } from './map-helpers';

/** Where the drone was for the current frame, with a line along its camera heading. */
export function DronePosition({ telemetry, headingLineM }: { telemetry: TelemetryView; headingLineM: number }) {
  const { lat, lon, headingDeg, altM } = telemetry;
  const tip = headingDeg === undefined ? null : offsetByHeading(lon, lat, headingDeg, headingLineM);
  return (
    <>
      {tip && (
        <Polyline positions={[[lat, lon], [tip[1], tip[0]]]} className="drone-heading"
          pathOptions={{ color: DRONE, weight: 2 }} interactive={false} eventHandlers={testIdOnAdd('drone-heading')} />
      )}
      <CircleMarker center={[lat, lon]} radius={6} className="drone-marker"
        pathOptions={{ color: '#fff', fillColor: DRONE, fillOpacity: 1, weight: 2 }} eventHandlers={testIdOnAdd('drone-marker')}>
        <Tooltip>
          Drone{altM !== undefined ? `, ${Math.round(altM)} m above take-off` : ''}
          {headingDeg !== undefined ? `, heading ${Math.round(headingDeg)}°` : ''} ({telemetry.source})
        </Tooltip>
      </CircleMarker>
    </>
  );
}
