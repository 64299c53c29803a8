import L from 'leaflet';
import { useMemo, useSyncExternalStore } from 'react';
import { Marker, Polygon, useMapEvents } from 'react-leaflet';
import { ellipseRing, groundUncertainty, pixelToGround, type FrameCamera, type TelemetrySigma } from '../../shared/geometry';
import { framePointer, mapPointer } from '../lib/hover-bus';
import { testIdOnAdd, toLatLngs } from './map-helpers';

const FOOTPRINT = '#ffd166';
const crosshairIcon = L.divIcon({ className: 'ground-crosshair', iconSize: [26, 26], iconAnchor: [13, 13] });

interface LinkedViewsProps {
  camera: FrameCamera | null;
  footprint: Array<[number, number]> | null;
  sigma: TelemetrySigma;
}

/**
 * The frame on the map: the ground it sees (its footprint), and a cross-hair with the 3σ
 * uncertainty ellipse where the ray of the frame pixel under the cursor meets the ground. The map
 * cursor is published for the frame to mark.
 */
export function LinkedViews({ camera, footprint, sigma }: LinkedViewsProps) {
  useMapEvents({
    mousemove: (e) => mapPointer.set({ lon: e.latlng.lng, lat: e.latlng.lat }),
    mouseout: () => mapPointer.set(null),
  });
  const positions = useMemo(() => (footprint ? toLatLngs(footprint) : null), [footprint]);
  return (
    <>
      {positions && (
        <Polygon
          positions={positions}
          className="frame-footprint"
          pathOptions={{ color: FOOTPRINT, weight: 2, fillOpacity: 0.06, dashArray: '6 4' }}
          interactive={false}
          eventHandlers={testIdOnAdd('frame-footprint')}
        />
      )}
      {camera && <GroundCrosshair camera={camera} sigma={sigma} />}
    </>
  );
}

/** Re-rendered on every frame-pixel hover, alone. */
function GroundCrosshair({ camera, sigma }: { camera: FrameCamera; sigma: TelemetrySigma }) {
  const px = useSyncExternalStore(framePointer.subscribe, framePointer.get);
  const hit = useMemo(() => {
    if (!px) return null;
    const ground = pixelToGround(camera, px);
    if (!ground) return null;
    const u = groundUncertainty(camera, px, sigma);
    return { ground, ellipse: u ? toLatLngs(ellipseRing(u, 3)) : null };
  }, [camera, px, sigma]);
  if (!hit) return null;
  return (
    <>
      {hit.ellipse && (
        <Polygon
          positions={hit.ellipse}
          className="ground-ellipse"
          pathOptions={{ color: FOOTPRINT, weight: 1.5, fillOpacity: 0.12 }}
          interactive={false}
          eventHandlers={testIdOnAdd('ground-ellipse')}
        />
      )}
      <Marker position={[hit.ground.lat, hit.ground.lon]} icon={crosshairIcon} interactive={false} keyboard={false} eventHandlers={testIdOnAdd('ground-crosshair')} />
    </>
  );
}
