import { describe, expect, it } from 'vitest';
import { storedObjectSchema } from '../../../src/main/store/schemas';
import { conformsToStoredObject } from '../../../src/main/store/object-check';
import { clockwiseBox, sampleObject } from './sample-object';

type Obj = Record<string, unknown>;

/** A stored object as a row reads back: plain JSON values, nothing zod has touched. */
function stored(overrides: Obj = {}): Obj {
  const o = { ...sampleObject({ status: 'accepted' }), id: 'obj-1', createdAt: '2026-03-14T09:26:53.589Z', updatedAt: '2026-03-14T09:27:00Z' };
  return { ...(JSON.parse(JSON.stringify(o)) as Obj), ...overrides };
}

const localization = {
  decidedBy: 'geometry + model',
  fallbackReason: null,
  prior: null,
  modelOnly: { score: 0.8, chipBox: [1, 2, 3, 4], ring: clockwiseBox(8.54, 47.37) },
  geometryOnly: null,
};

const telemetry = sampleObject().telemetry as Obj;
const centre = sampleObject().searchCentre as Obj;
const chip = sampleObject().chip as Obj;
const candidate = sampleObject().candidates[0] as Obj;
const ring = clockwiseBox(8.54, 47.37);

const valid: [string, Obj][] = [
  ['the sample', stored()],
  ['no telemetry, no candidates, a drawn box', stored({ telemetry: null, candidates: [], chosen: -1 })],
  ['every telemetry field', stored({ telemetry: { ...telemetry, altRef: 'sea', rollDeg: 1, focal35mm: 24, focalMm: 4.5, sensorWidthMm: 6.3, takeoffElevationM: 400 } })],
  ['a located search centre', stored({ searchCentre: { ...centre, source: 'ray', localization } })],
  ['candidate scores', stored({ candidates: [{ ...candidate, scores: { model: 0.9, prior: 0.5, fused: 0.7 } }] })],
  ['a corrected box', stored({ status: 'corrected', correctedFrom: ring })],
  ['extra keys, which the schema drops', stored({ chip: { ...chip, extra: 1 }, extra: true })],
  ['the edges of the globe', stored({ ring: [[-180, -90], [180, -90], [180, 90], [-180, -90]] })],
];

const damaged: [string, Obj][] = [
  ['an empty id', stored({ id: '' })],
  ['an unknown status', stored({ status: 'approved' })],
  ['a created time with an offset', stored({ createdAt: '2026-03-14T09:26:53+01:00' })],
  ['an updated time that is not a time', stored({ updatedAt: 'yesterday' })],
  ['a negative frame index', stored({ frame: { index: -1, name: 'a.jpg' } })],
  ['a fractional frame index', stored({ frame: { index: 1.5, name: 'a.jpg' } })],
  ['a click as text', stored({ click: { x: '1', y: 2 } })],
  ['telemetry latitude off the globe', stored({ telemetry: { ...telemetry, lat: 91 } })],
  ['telemetry with a null altitude', stored({ telemetry: { ...telemetry, altM: null } })],
  ['telemetry with an unknown altitude reference', stored({ telemetry: { ...telemetry, altRef: 'ground' } })],
  ['telemetry from an unknown source', stored({ telemetry: { ...telemetry, source: 'gpx' } })],
  ['telemetry as an array', stored({ telemetry: [] })],
  ['a search centre from an unknown source', stored({ searchCentre: { ...centre, source: 'gps' } })],
  ['a search centre off the globe', stored({ searchCentre: { ...centre, lon: 181 } })],
  ['a damaged localization', stored({ searchCentre: { ...centre, localization: { ...localization, decidedBy: 'luck' } } })],
  ['chip bounds of three numbers', stored({ chip: { ...chip, bounds: [1, 2, 3] } })],
  ['chip bounds of five numbers', stored({ chip: { ...chip, bounds: [1, 2, 3, 4, 5] } })],
  ['a zero ground sampling distance', stored({ chip: { ...chip, gsdM: 0 } })],
  ['a fractional chip size', stored({ chip: { ...chip, size: 25.5 } })],
  ['a model without provider', stored({ model: { id: 'm', sha256: 'x' } })],
  ['candidates that are not a list', stored({ candidates: {} })],
  ['a candidate without score', stored({ candidates: [{ chipBox: [1, 2, 3, 4], ring }] })],
  ['a candidate with a null score breakdown', stored({ candidates: [{ ...candidate, scores: null }] })],
  ['a candidate ring that is open', stored({ candidates: [{ ...candidate, ring: ring.slice(0, 4) }] })],
  ['a chosen index past the candidates', stored({ chosen: 2 })],
  ['a chosen index below -1', stored({ chosen: -2 })],
  ['a ring of three points', stored({ ring: ring.slice(0, 3) })],
  ['a ring point with three numbers', stored({ ring: [[8.5, 47.3, 1], ...ring.slice(1, 4), [8.5, 47.3, 1]] })],
  ['a ring point off the globe', stored({ ring: [[8.5, 947.3], [8.6, 47.3], [8.6, 47.4], [8.5, 947.3]] })],
  ['a ring of 1001 points', stored({ ring: Array.from({ length: 1001 }, () => [8.5, 47.3]) })],
  ['a corrected-from box that is not a ring', stored({ correctedFrom: 'none' })],
  ['a label that is a number', stored({ label: 7 })],
  ['a missing note', stored({ note: undefined })],
];

describe('the hand-written stored-object check', () => {
  it.each(valid)('accepts what the schema accepts: %s', (_, o) => {
    expect(storedObjectSchema.safeParse(o).success).toBe(true);
    expect(conformsToStoredObject(o)).toBe(true);
  });

  it.each(damaged)('refuses what the schema refuses: %s', (_, o) => {
    expect(storedObjectSchema.safeParse(o).success).toBe(false);
    expect(conformsToStoredObject(o)).toBe(false);
  });
});
