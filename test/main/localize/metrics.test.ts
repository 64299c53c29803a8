import { describe, expect, it } from 'vitest';
import { centreDistance, iou, summarizeDetections } from '../../../src/main/localize/metrics';

describe('detection metrics', () => {
  it('IoU of identical, disjoint, touching and half-overlapping boxes', () => {
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    expect(iou([0, 0, 10, 10], [10, 0, 20, 10])).toBe(0);
    expect(iou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(50 / 150, 12);
    expect(iou([0, 0, 0, 0], [0, 0, 0, 0])).toBe(0);
  });

  it('IoU is absolute: a right-sized box in the wrong place scores zero', () => {
    expect(iou([100, 100, 120, 120], [0, 0, 20, 20])).toBe(0);
  });

  it('centre distance between boxes', () => {
    expect(centreDistance([0, 0, 10, 10], [3, 4, 13, 14])).toBe(5);
  });

  it('summarises top-1 predictions into acc@0.25, acc@0.5, mIoU and centre error', () => {
    const s = summarizeDetections([
      { predicted: [0, 0, 10, 10], target: [0, 0, 10, 10] }, // IoU 1, err 0
      { predicted: [0, 0, 10, 10], target: [5, 0, 15, 10] }, // IoU 1/3, err 5
      { predicted: [0, 0, 10, 10], target: [30, 40, 40, 50] }, // IoU 0, err 50
    ]);
    expect(s.n).toBe(3);
    expect(s['acc@0.25']).toBeCloseTo(2 / 3, 12);
    expect(s['acc@0.5']).toBeCloseTo(1 / 3, 12);
    expect(s.miou).toBeCloseTo((1 + 1 / 3) / 3, 12);
    expect(s.centreErrorPx.mean).toBeCloseTo(55 / 3, 12);
    expect(s.centreErrorPx.median).toBe(5);
  });

  it('acc@t is strict, like the training metrics: IoU exactly 0.5 does not count', () => {
    const s = summarizeDetections([{ predicted: [0, 0, 10, 10], target: [0, 0, 10, 20] }]);
    expect(s.miou).toBe(0.5);
    expect(s['acc@0.5']).toBe(0);
    expect(s['acc@0.25']).toBe(1);
  });

  it('an empty evaluation reports zero samples', () => {
    expect(summarizeDetections([]).n).toBe(0);
  });
});
