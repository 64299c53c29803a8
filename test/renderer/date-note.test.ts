import { describe, expect, it } from 'vitest';
import { dateNote } from '../../src/renderer/lib/date-note';

describe('dateNote', () => {
  it('puts the frame date and every mosaic date in one line, saying where each came from', () => {
    const note = dateNote({
      frame: { date: '2024-06-01T10:15:00.5', source: 'DJI_0007.SRT (SRT date line)' },
      mosaics: [
        { id: 'a', name: 'winter.tif', date: { date: '2023-01-14T09:00:00Z', source: 'GDAL metadata ACQUISITIONDATETIME' }, daysApart: 504, warning: 'x' },
        { id: 'b', name: 'plain.tif', date: null, daysApart: null, warning: null },
      ],
    });
    expect(note).toBe(
      'Frame taken 2024-06-01 (DJI_0007.SRT (SRT date line)); winter.tif acquired 2023-01-14 (GDAL metadata ACQUISITIONDATETIME); plain.tif: acquisition date unknown',
    );
  });

  it('says nothing when no side has a date', () => {
    expect(dateNote({ frame: null, mosaics: [{ id: 'b', name: 'plain.tif', date: null, daysApart: null, warning: null }] })).toBeNull();
  });
});
