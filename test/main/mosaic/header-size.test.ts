// A TIFF whose header claims more pixels than its strips or tiles hold is refused at open.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mosaic, MosaicError } from '../../../src/main/mosaic';
import { makeTmpDir, patternImage, removeDir } from '../../helpers/gdal';
import { patchTiffFile } from '../../helpers/tiff-ifd';
import { writeTiff, type TiffGeo } from '../../helpers/tiff-writer';

describe('header size against stored blocks', () => {
  let dir: string;
  let tiled: string;
  let striped: string;
  beforeAll(() => {
    dir = makeTmpDir('smgeo-header-size-');
    const raster = { width: 256, height: 256, bands: 3 as const, data: patternImage(256, 256, 3) };
    const geo: TiffGeo = { srs: 'EPSG:32632', ullr: [500000, 5200000, 500256, 5199744] };
    tiled = writeTiff(join(dir, 'tiled.tif'), raster, { geo, tile: 256 });
    striped = writeTiff(join(dir, 'striped.tif'), raster, { geo }); // 16-row strips
  });
  afterAll(() => removeDir(dir));

  const openError = (path: string) => Mosaic.open(path).then(
    async (m) => {
      await m.close();
      throw new Error(`${path} opened`);
    },
    (e: unknown) => e as MosaicError,
  );

  it('the honest files open', async () => {
    for (const p of [tiled, striped]) await (await Mosaic.open(p)).close();
  });

  it('a tiled TIFF claiming 100000×100000 px with data for 256×256 is corrupt, and says so', async () => {
    const liar = patchTiffFile(tiled, join(dir, 'liar-tiled.tif'), { 256: 100000, 257: 100000 });
    const err = await openError(liar);
    expect(err).toBeInstanceOf(MosaicError);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain('liar-tiled.tif');
    expect(err.message).toMatch(/claims 100000×100000 pixels.*holds only 1/);
  });

  it('a striped TIFF claiming more rows than its strips hold is corrupt', async () => {
    const liar = patchTiffFile(striped, join(dir, 'liar-striped.tif'), { 257: 100000 });
    const err = await openError(liar);
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/strips/);
  });
});
