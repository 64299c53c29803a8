import type { Input, Output } from '../../shared/api';
import { openFrame } from '../frames';
import { frameImage } from '../frames/decode';
import { frameFile, isVideoEntry } from '../frames/video-source';
import type { RgbImage } from '../image/rgb';
import { exportTrainingPairs, type FrameImage, type PairSources } from '../training-pairs';
import type { Session } from '../app/session';

async function readFitted(path: string, longSide: number): Promise<RgbImage> {
  const img = frameImage(path).rotate().resize(longSide, longSide, { fit: 'inside', withoutEnlargement: true });
  const { data, info } = await img.flatten({ background: { r: 0, g: 0, b: 0 } }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function sources(session: Session): PairSources {
  return {
    async frame(index, name) {
      const entry = session.frames?.entries.find((e) => e.index === index && e.name === name);
      if (!entry) return null;
      const path = isVideoEntry(entry) ? await frameFile(entry) : session.access.check(entry.path, 'frame of a training pair');
      const file = await openFrame(path);
      const image: FrameImage = { width: file.width, height: file.height, read: (longSide) => readFitted(path, longSide) };
      return image;
    },
    mosaic(path) {
      for (const m of session.mosaics.values()) if (m.info.path === path) return m;
      return null;
    },
  };
}

/** The accepted and corrected objects as a CVOGL dataset in a folder the user chose. */
export async function exportPairs(session: Session, input: Input<'export.trainingPairs'>): Promise<Output<'export.trainingPairs'>> {
  const { store } = session.requireProject();
  const folder = session.userPath(input.folder, 'folder', 'training-pairs folder');
  return exportTrainingPairs(store.listObjects(), sources(session), folder);
}
