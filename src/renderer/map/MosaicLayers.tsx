import { TileLayer } from 'react-leaflet';
import type { MosaicView } from '../../shared/api';
import { assetPaths } from '../../shared/assets';
import { assetUrl } from '../api-client';
import { boundsOf, nativeZoomFor, tileTemplate } from './map-helpers';

/** One tile layer per open mosaic, limited to its footprint so no tile outside it is asked for. */
export function MosaicLayers({ mosaics }: { mosaics: MosaicView[] }) {
  return (
    <>
      {mosaics.map((m) => {
        const [, south, , north] = m.boundsLonLat;
        return (
          <TileLayer
            key={m.id}
            url={tileTemplate(assetUrl(assetPaths.tile(m.id)))}
            bounds={boundsOf(m.boundsLonLat)}
            maxNativeZoom={nativeZoomFor(m.gsdM, (south + north) / 2)}
            maxZoom={23}
            className="mosaic-layer"
            eventHandlers={{
              add: (e) => (e.target as { getContainer(): HTMLElement | undefined }).getContainer()?.setAttribute('data-testid', `mosaic-layer-${m.id}`),
            }}
          />
        );
      })}
    </>
  );
}
