// End-to-end accuracy on the synthetic sample, through the app's own handlers: every visible object
// of every frame clicked at its box centre, at three telemetry-noise levels (README "Accuracy").
import { copyFile, link, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dispatch, Session } from '../handlers';
import type { LocalizeView } from '../../shared/api';
import { MISSED, scoreAnswer, summarizeAnswers, type AnswerScore, type AnswerSummary, type Georef } from '../evaluate/metrics';
import { openFrame } from '../frames';
import { localizeClick } from '../localize';
import { classicalPoints, summarizePoints, type ClassicalItem, type PointSummary } from '../evaluate/classical';
import { NOISE_LEVELS, noisySrt, readSampleTruth, seededRandom, truthClicks, type TruthClick } from '../evaluate/sample-truth';
import { parsePositiveInt } from './model-dir';
import { CliError } from './read-image';

export const PROJECT_EVALUATE_USAGE = `usage: npm run evaluate -- --project DIR [--limit N] [--seed S] [--json OUT.json] [--model DIR] [--prior-weight W] [--levels none,medium,high]
  DIR  a sample project made by \`npm run sample\` (frames/ with flight.SRT, mosaic.tif, ground_truth.json)`;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ANSWERS = ['fused', 'modelOnly', 'geometryOnly', 'querySwapped'] as const;
type Answer = (typeof ANSWERS)[number];

export interface LevelResult {
  noise: { name: string; headingDeg: number; pitchDeg: number; altitudeM: number; positionM: number };
  clicks: number;
  failed: Record<string, number>;
  decidedBy: Record<string, number>;
  latencyMsP50: number;
  answers: Record<Answer, AnswerSummary>;
  /** SIFT + RANSAC on the same clicks and chips (null with --no-classical). */
  classical: PointSummary | null;
}

export interface ProjectEvaluationResult {
  project: string;
  model: string;
  seed: number;
  minVisiblePx: number;
  priorWeight: number | null;
  levels: LevelResult[];
}

async function linkFrames(from: string, to: string, srt: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (!/\.(jpe?g|png|tiff?)$/i.test(name)) continue;
    // Hard links, not symlinks: the app refuses links out of the opened folder.
    await link(join(from, name), join(to, name)).catch(() => copyFile(join(from, name), join(to, name)));
  }
  await writeFile(join(to, 'flight.SRT'), srt);
}

function pickClicks(all: TruthClick[], limit: number, seed: number): TruthClick[] {
  if (limit >= all.length) return all;
  const rand = seededRandom(seed ^ 0x5eed);
  const idx = all.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, limit).sort((a, b) => a - b).map((i) => all[i]!);
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
}

export function formatTable(levels: LevelResult[]): string {
  const rows = ['| noise (σ heading/pitch/alt/pos) | answer | acc@0.25 | acc@0.5 | mIoU | hit rate | median ground error (m) |', '|---|---|---|---|---|---|---|'];
  const label: Record<Answer, string> = { fused: 'fused', modelOnly: 'model only', geometryOnly: 'geometry only', querySwapped: 'model only, query swapped' };
  for (const l of levels) {
    const n = l.noise;
    const noise = n.name === 'none' ? 'none' : `${n.headingDeg}°/${n.pitchDeg}°/${n.altitudeM} m/${n.positionM} m`;
    for (const a of ANSWERS) {
      const s = l.answers[a];
      rows.push(`| ${a === 'fused' ? noise : ''} | ${label[a]} | ${s['acc@0.25'].toFixed(3)} | ${s['acc@0.5'].toFixed(3)} | ${s.miou.toFixed(3)} | ${s.hitRate.toFixed(3)} | ${s.medianGroundErrorM.toFixed(1)} |`);
    }
    // A point, not a box: the box columns do not apply to it.
    const c = l.classical;
    if (c) rows.push(`| | classical (SIFT + RANSAC, ${c.answered}/${c.n} answered) | — | — | — | ${c.hitRate.toFixed(3)} | ${c.medianGroundErrorM.toFixed(1)} |`);
  }
  return rows.join('\n');
}

export async function runProjectEvaluation(argv: string[], log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<ProjectEvaluationResult> {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'string' },
      model: { type: 'string' },
      'prior-weight': { type: 'string' },
      levels: { type: 'string' },
      'min-visible': { type: 'string' },
      'no-classical': { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.project) throw new CliError('--project DIR is required');
  const project = resolve(values.project);
  const seed = values.seed === undefined ? 20261208 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, got "${values.seed}"`);
  const minVisiblePx = parsePositiveInt('--min-visible', values['min-visible'], 400);
  const weight = values['prior-weight'] === undefined ? null : Number(values['prior-weight']);
  if (weight !== null && !(weight >= 0 && weight <= 10)) throw new CliError(`--prior-weight must be between 0 and 10, got "${values['prior-weight']}"`);
  const wanted = values.levels ? values.levels.split(',') : NOISE_LEVELS.map((l) => l.name);
  const levels = wanted.map((name) => NOISE_LEVELS.find((l) => l.name === name) ?? (() => { throw new CliError(`--levels: unknown level "${name}" (none, medium, high)`); })());

  const truth = await readSampleTruth(join(project, 'ground_truth.json'));
  const all = truthClicks(truth, minVisiblePx);
  const clicks = pickClicks(all, parsePositiveInt('--limit', values.limit, all.length), seed);
  const srt = await readFile(join(project, 'frames', 'flight.SRT'), 'utf8').catch(() => {
    throw new CliError(`${join(project, 'frames', 'flight.SRT')} is missing: the evaluation perturbs the sample's telemetry.`);
  });
  const tmp = await mkdtemp(join(tmpdir(), 'smgeo-evaluate-'));
  const session = new Session({ userDataDir: join(tmp, 'user'), resourcesDir: join(REPO, 'resources'), ...(values.model ? { modelDir: resolve(values.model) } : {}) });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await dispatch(session, channel, input);
    if (!r.ok) throw new CliError(`${channel} failed: ${r.error.message}`);
    return r.value as T;
  };
  const out: LevelResult[] = [];
  let modelId = '';
  try {
    await mkdir(join(tmp, 'user'), { recursive: true });
    await call('project.create', { path: join(tmp, 'evaluate.smgeo') });
    if (weight !== null) {
      session.requireProject().store.updateSettings({ camera: { sigma: { headingDeg: 5, pitchDeg: 2, rollDeg: 1, altitudeM: 5, positionM: 3 }, priorWeight: weight } });
    }
    const { id: mosaicId } = await call<{ id: string }>('mosaic.open', { path: join(project, truth.mosaic.file) });
    const mosaic = session.mosaicById(mosaicId);
    const gt = truth.mosaic.geotransform;
    const georef: Georef = {
      toPx: (lon, lat) => {
        const [X, Y] = mosaic.lonLatToCrs(lon, lat);
        return [(X - gt[0]) / gt[1], (Y - gt[3]) / gt[5]];
      },
      toLonLat: (x, y) => mosaic.crsToLonLat(gt[0] + x * gt[1], gt[3] + y * gt[5]),
      gsdM: Math.abs(gt[1]),
    };
    // The query-swap control: the model alone on the same chip and click, but shown another frame
    // (half the flight away). A model that uses the drone view must lose most of its accuracy.
    const swapFrame = (i: number) => (i + Math.floor(truth.frames.length / 2)) % truth.frames.length;
    const swappedQueryAnswer = async (v: LocalizeView, frameIndex: number) => {
      const frame = await openFrame(join(project, 'frames', truth.frames[frameIndex]!.file));
      const r = await localizeClick({
        mosaic,
        model: await session.requireModel(),
        cache: session.cache,
        frame,
        click: v.object.click,
        centre: { lon: v.object.searchCentre.lon, lat: v.object.searchCentre.lat },
        gsdM: v.object.chip.gsdM,
      });
      return r.candidates[0]?.ring ?? null;
    };
    log(`${clicks.length} clicks (of ${all.length} objects with ≥ ${minVisiblePx} visible px in ${truth.frames.length} frames) × ${levels.length} noise levels, seed ${seed}`);
    for (const [li, level] of levels.entries()) {
      const folder = join(tmp, `frames-${level.name}`);
      await linkFrames(join(project, 'frames'), folder, noisySrt(srt, level, seededRandom(seed + 1000 * (li + 1))));
      await call('frames.open', { folder });
      const scores: Record<Answer, AnswerScore[]> = { fused: [], modelOnly: [], geometryOnly: [], querySwapped: [] };
      const failed: Record<string, number> = {};
      const decidedBy: Record<string, number> = {};
      const latency: number[] = [];
      const classicalItems: ClassicalItem[] = [];
      const started = performance.now();
      for (const [i, c] of clicks.entries()) {
        const r = await dispatch(session, 'localize.run', { frameIndex: c.frameIndex, click: c.click });
        if (r.ok) {
          const v = r.value as LocalizeView;
          modelId = v.object.model.id;
          const loc = v.object.searchCentre.localization;
          scores.fused.push(scoreAnswer(v.object.candidates[0]?.ring ?? null, c.boxMosaicPx, c.footprint, georef));
          scores.modelOnly.push(scoreAnswer(loc?.modelOnly?.ring ?? null, c.boxMosaicPx, c.footprint, georef));
          scores.geometryOnly.push(scoreAnswer(loc?.geometryOnly?.ring ?? null, c.boxMosaicPx, c.footprint, georef));
          scores.querySwapped.push(scoreAnswer(await swappedQueryAnswer(v, swapFrame(c.frameIndex)), c.boxMosaicPx, c.footprint, georef));
          decidedBy[v.decidedBy] = (decidedBy[v.decidedBy] ?? 0) + 1;
          latency.push(v.timings.totalMs);
          const [X0, Y0, X1, Y1] = v.object.chip.bounds;
          const [x0, y1] = mosaic.crsToPixel(X0, Y0);
          const [x1, y0] = mosaic.crsToPixel(X1, Y1);
          classicalItems.push({ frame: join(folder, truth.frames[c.frameIndex]!.file), click: c.click, window: [x0, y0, x1, y1], size: v.object.chip.size, footprint: c.footprint });
        } else {
          for (const a of ANSWERS) scores[a].push(MISSED);
          failed[r.error.code] = (failed[r.error.code] ?? 0) + 1;
        }
        if ((i + 1) % 25 === 0 || i + 1 === clicks.length) {
          const s = (performance.now() - started) / 1000;
          const acc = summarizeAnswers(scores.fused)['acc@0.5'];
          log(`[${level.name}] ${i + 1}/${clicks.length} clicks, ${s.toFixed(0)} s (ETA ${((s / (i + 1)) * (clicks.length - i - 1)).toFixed(0)} s), fused acc@0.5 so far ${acc.toFixed(3)}`);
        }
      }
      let classical: PointSummary | null = null;
      if (!values['no-classical'] && classicalItems.length > 0) {
        log(`[${level.name}] classical matcher (SIFT + RANSAC) on the ${classicalItems.length} answered clicks`);
        const points = await classicalPoints(REPO, join(project, truth.mosaic.file), classicalItems);
        // Failed clicks are misses for the matcher as for the model: same denominator.
        classical = summarizePoints(points, classicalItems, georef, clicks.length);
      }
      out.push({
        classical,
        noise: { ...level },
        clicks: clicks.length,
        failed,
        decidedBy,
        latencyMsP50: median(latency),
        answers: {
          fused: summarizeAnswers(scores.fused),
          modelOnly: summarizeAnswers(scores.modelOnly),
          geometryOnly: summarizeAnswers(scores.geometryOnly),
          querySwapped: summarizeAnswers(scores.querySwapped),
        },
      });
    }
  } finally {
    await session.close();
    await rm(tmp, { recursive: true, force: true });
  }
  log(formatTable(out));
  const result: ProjectEvaluationResult = { project, model: modelId, seed, minVisiblePx, priorWeight: weight, levels: out };
  if (values.json) await writeFile(resolve(values.json), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
