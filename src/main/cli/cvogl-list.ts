import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliError } from './read-image';

const FOLDER = 'CVOGL_DroneAerial';

export interface CvoglEntry {
  id: string;
  queryPath: string;
  satellitePath: string;
  /** In query-image pixels. */
  click: { x: number; y: number };
  /** Absolute xyxy in satellite-image pixels. */
  box: [number, number, number, number];
  className: string;
}

/** Numbers may come nested (numpy arrays turned into lists) — flatten them like the Python reader does. */
const numbers = (count: number) =>
  z
    .unknown()
    .transform((v) => [v].flat(4))
    .pipe(z.array(z.number()).length(count));

const entrySchema = z
  .array(z.unknown())
  .min(8)
  .transform((t) => t.slice(0, 8))
  .pipe(z.tuple([z.union([z.string(), z.number()]), z.string(), z.string(), z.unknown(), numbers(2), numbers(4), z.unknown(), z.unknown()]));

/** Accepts the CVOGL_DroneAerial folder itself or the folder that holds it, as the training reader does. */
export function resolveDatasetDir(root: string): string {
  if (existsSync(path.join(root, FOLDER)) && statSync(path.join(root, FOLDER)).isDirectory()) return path.join(root, FOLDER);
  if (existsSync(path.join(root, 'query')) && existsSync(path.join(root, 'satellite'))) return root;
  throw new CliError(`No CVOGL dataset at ${root}: expected ${path.join(root, FOLDER)}/ (or ${root}/ itself) holding query/, satellite/ and ${FOLDER}_<split>.json. Point --data at the dataset folder.`);
}

/**
 * The split list as JSON. The .pth lists are Python pickles that Node cannot read, so the
 * training side writes the same tuples as `CVOGL_DroneAerial_<split>.json` beside each .pth.
 */
export async function readCvoglSplit(root: string, split: string): Promise<CvoglEntry[]> {
  const dir = resolveDatasetDir(root);
  const jsonPath = path.join(dir, `${FOLDER}_${split}.json`);
  const pthPath = path.join(dir, `${FOLDER}_${split}.pth`);
  if (!existsSync(jsonPath)) {
    if (existsSync(pthPath)) {
      throw new CliError(`${pthPath} is a PyTorch pickle, which this tool cannot read. Convert it once with: cd training && python3 -m smgeo.data.to_json ${root} (writes ${path.basename(jsonPath)} beside it).`);
    }
    throw new CliError(`No split list ${jsonPath} (nor ${path.basename(pthPath)}). Check --split (train, val or test) and --data.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (e) {
    throw new CliError(`Cannot read the split list ${jsonPath}: ${(e as Error).message}. Regenerate it with python3 -m smgeo.data.to_json.`);
  }
  if (!Array.isArray(raw)) throw new CliError(`The split list ${jsonPath} holds a ${typeof raw}, expected a list of 8-field tuples.`);
  return raw.map((item, index) => {
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      throw new CliError(`The split list ${jsonPath}, entry ${index}, is not (id, query_name, satellite_name, _, click_xy, bbox_xyxy, _, class_name): ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    }
    const [id, queryName, satelliteName, , click, box, , className] = parsed.data;
    return {
      id: String(id),
      queryPath: path.join(dir, 'query', queryName),
      satellitePath: path.join(dir, 'satellite', satelliteName),
      click: { x: click[0]!, y: click[1]! },
      box: [box[0]!, box[1]!, box[2]!, box[3]!],
      className: String(className),
    };
  });
}
