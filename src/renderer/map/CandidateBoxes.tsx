import { Polygon, Tooltip } from 'react-leaflet';
import type { ObjectView } from '../../shared/api';
import type { Position } from '../lib/box-geometry';
import { testIdOnAdd, toLatLngs } from './map-helpers';

/** The model's other guesses for the selected object, numbered by the key (1–5) that picks them. */
export function CandidateBoxes({ object }: { object: ObjectView }) {
  return (
    <>
      {object.candidates.slice(0, 5).map((c, i) =>
        i === object.chosen ? null : (
          <Polygon
            key={`${object.id}-${i}`}
            positions={toLatLngs(c.ring as Position[])}
            className="candidate-box"
            pathOptions={{ color: '#e0e0e0', weight: 1.5, dashArray: '4 4', fill: false }}
            interactive={false}
            eventHandlers={testIdOnAdd(`candidate-${i + 1}`)}
          >
            <Tooltip permanent direction="top" className="candidate-label">
              {`${i + 1} · ${(c.score * 100).toFixed(0)}%`}
            </Tooltip>
          </Polygon>
        ),
      )}
    </>
  );
}
