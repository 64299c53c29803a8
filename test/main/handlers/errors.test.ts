// toApiError: every user error keeps its code and message, whatever its class; the rest is internal.
import { describe, expect, it } from 'vitest';
import { ApiError, UserError } from '../../../src/shared/errors';
import { toApiError } from '../../../src/main/app/errors';
import { FramesError } from '../../../src/main/frames/errors';
import { ModelError } from '../../../src/main/model/errors';
import { MosaicError } from '../../../src/main/mosaic/errors';
import { StoreError } from '../../../src/main/store/errors';
import { ExportCancelled } from '../../../src/main/export';

describe('toApiError', () => {
  it('passes every module error through with its code and message', () => {
    const errors = [
      new MosaicError('not-georeferenced', '/data/a.tif has no georeferencing.'),
      new FramesError('no-images', '/data/frames has no images.'),
      new StoreError('newer-schema', '/data/p.smgeo was written by a newer version.'),
      new ModelError('checksum', '/m/x.onnx', '/m/x.onnx does not match its card.'),
      new ExportCancelled(),
    ];
    for (const err of errors) {
      const api = toApiError(err);
      expect(api).toBeInstanceOf(ApiError);
      expect(api.toBody()).toEqual({ code: err.code, message: err.message });
    }
  });

  it('recognises a user error by its class, not its name', () => {
    class SurveyError extends UserError<'stale-survey'> {}
    const renamed = new SurveyError('stale-survey', 'The survey at /data/s is older than the mosaic.');
    renamed.name = 'Error';
    expect(toApiError(renamed).toBody()).toEqual({ code: 'stale-survey', message: renamed.message });
  });

  it('does not trust an ordinary error that only looks like a module error', () => {
    const lookalike = Object.assign(new Error('boom'), { name: 'MosaicError', code: 'corrupt' });
    const api = toApiError(lookalike);
    expect(api.code).toBe('internal');
    expect(api.message).toContain('Something unexpected went wrong: boom');
  });
});
