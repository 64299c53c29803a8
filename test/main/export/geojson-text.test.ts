import { describe, expect, it } from 'vitest';
import { featureJson, objectToFeature } from '../../../src/main/export/geojson';
import type { LocatedObject, LonLat } from '../../../src/main/store';
import { seededRandom } from '../../../src/main/evaluate/sample-truth';
import { clockwiseBox } from '../store/sample-object';
import { located } from './located';

// featureJson writes the feature's text directly; objectToFeature + JSON.stringify is the reference.
const reference = (o: LocatedObject) => JSON.stringify(objectToFeature(o));

function randomBox(rand: () => number, lonSpan: number, latSpan: number): LonLat[] {
  const lon = (rand() * 2 - 1) * lonSpan;
  const lat = (rand() * 2 - 1) * latSpan;
  const h = rand() * 0.001;
  return clockwiseBox(lon, lat, h);
}

describe('feature text', () => {
  it('is the reference text for objects anywhere on the globe, near zero and near the edges', () => {
    const rand = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      // Spans from the whole globe down to 1e-6°, where JavaScript writes numbers with exponents.
      const span = [180, 1, 1e-5, 1e-6, 5e-7][i % 5];
      const boxes = Array.from({ length: 3 }, () => randomBox(rand, span, Math.min(span, 89.99)));
      const o = located({
        status: i % 7 === 0 ? 'corrected' : 'accepted',
        click: { x: rand() * 1920, y: -0 },
        searchCentre: { lon: (rand() * 2 - 1) * span, lat: -0, source: 'ray' },
        candidates: boxes.map((ring, k) => ({ score: rand(), chipBox: [k, k + 0.5, 1e21, -3] as [number, number, number, number], ring })),
        chosen: (i % 4) - 1,
        ring: boxes[0],
        correctedFrom: i % 7 === 0 ? boxes[1].slice(0, 4) : null,
      });
      expect(featureJson(o)).toBe(reference(o));
    }
  });

  it('is the reference text for text that needs escaping and for missing telemetry fields', () => {
    const o = located({
      label: 'roof "red"\\ \n\t\u0001 é 🏠 \u2028',
      note: '',
      frame: { index: 0, name: 'C:\\frames\\DJI_0001.JPG' },
      telemetry: { lat: 47.3, lon: 8.5, source: 'exif' },
    });
    expect(featureJson(o)).toBe(reference(o));
    const none = located({ telemetry: null, candidates: [], chosen: -1 });
    expect(featureJson(none)).toBe(reference(none));
  });

  it('refuses an object whose box leaves the globe, naming it', () => {
    const o = located({ ring: [[8.5, 95], [8.6, 47.3], [8.6, 47.4], [8.5, 95]] });
    expect(() => featureJson(o)).toThrow(new RegExp(`Object ${o.id} .*cannot be exported: its box`));
  });
});
