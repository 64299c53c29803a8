// Files a user receives from others: a model folder's card and a project (.smgeo) file.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ModelError, readModelCard, verifyGraphFiles } from '../../src/main/model';
import { ProjectStore, StoreError } from '../../src/main/store';
import { sampleObject } from '../../test/main/store/sample-object';
import { type FuzzTarget } from '../harness';
import { bytesArb, bytesOf, fromJsonSafe, nastyNumber, toJsonSafe, type Mutation } from './mutate';

const TINY_CARD = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'model-tiny', 'model_card.json');

function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    return [prefix, ...entries.flatMap(([k, x]) => leafPaths(x, [...prefix, k]))];
  }
  return [prefix];
}

function setPath(root: unknown, path: string[], value: unknown, del: boolean): unknown {
  if (path.length === 0) return del ? undefined : value;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string, unknown>;
  const [head, ...rest] = path;
  if (rest.length === 0 && del) delete copy[head!];
  else copy[head!] = setPath(copy[head!], rest, value, del);
  return copy;
}

type CardInput = { edits: { path: string[]; value: unknown; del: boolean }[] } | { text: string } | { truncate: number };

interface CardCtx {
  dir: string;
  card: Record<string, unknown>;
  paths: string[][];
}

export const modelCardTarget: FuzzTarget<CardInput, CardCtx> = {
  name: 'model-card',
  about: 'model_card.json: fields of a valid card replaced by random JSON or hostile numbers, deleted, the text cut short or random; then the graph files it names are checked',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'smgeo-fuzz-card-'));
    const card = JSON.parse(readFileSync(TINY_CARD, 'utf8')) as Record<string, unknown> & { files: Record<string, { path: string; sha256: string }> };
    // Small stand-ins for the graphs: the card, not onnxruntime, is under test here.
    for (const g of Object.values(card.files)) {
      const bytes = Buffer.from(`graph ${g.path}`);
      writeFileSync(join(dir, g.path), bytes);
      g.sha256 = createHash('sha256').update(bytes).digest('hex');
    }
    return { dir, card, paths: leafPaths(card) };
  },
  async teardown(ctx) {
    rmSync(ctx.dir, { recursive: true, force: true });
  },
  arbitrary: (ctx) =>
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          edits: fc.array(
            fc.record({
              path: fc.constantFrom(...ctx.paths),
              value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyNumber, fc.constantFrom('../../etc/passwd', '/etc/passwd', 'C:\\x.onnx', '', 'x'.repeat(5000))),
              del: fc.boolean(),
            }),
            { minLength: 1, maxLength: 4 },
          ),
        }),
      },
      { weight: 1, arbitrary: fc.record({ text: fc.string({ maxLength: 400 }) }) },
      { weight: 1, arbitrary: fc.record({ truncate: fc.nat(4000) }) },
    ),
  async run(input, ctx) {
    let text: string;
    if ('edits' in input) {
      let card: unknown = ctx.card;
      for (const e of input.edits) card = setPath(card, e.path, e.value, e.del);
      text = JSON.stringify(card) ?? '';
    } else if ('text' in input) text = input.text;
    else text = JSON.stringify(ctx.card).slice(0, input.truncate);
    writeFileSync(join(ctx.dir, 'model_card.json'), text);
    const card = await readModelCard(ctx.dir);
    await verifyGraphFiles(ctx.dir, card);
  },
  isClear: (err) => err instanceof ModelError,
  encode: (i) => toJsonSafe(i),
  decode: (j) => fromJsonSafe(j) as CardInput,
};

type ProjectInput = { bytes: { mutations: Mutation[] } | { random: number[] } } | { header: 'user_version' | 'application_id'; value: number };

interface ProjectCtx {
  dir: string;
  base: Buffer;
  n: number;
}

export const projectFileTarget: FuzzTarget<ProjectInput, ProjectCtx> = {
  name: 'project-file',
  about: '.smgeo files: a valid project with objects, settings and history, byte-mutated, cut short, random, or with a newer schema version / another application id',
  async setup() {
    const dir = mkdtempSync(join(tmpdir(), 'smgeo-fuzz-project-'));
    const file = join(dir, 'base.smgeo');
    const store = ProjectStore.create(file, 'fuzz base');
    for (let i = 0; i < 3; i++) {
      const o = store.insertObject(sampleObject({ label: `object ${i}` }));
      store.updateObject(o.id, { status: 'accepted' });
    }
    store.updateSettings({ framesFolder: '/data/frames', mosaics: ['/data/m.tif'], provider: 'cpu' });
    store.close();
    return { dir, base: readFileSync(file), n: 0 };
  },
  async teardown(ctx) {
    rmSync(ctx.dir, { recursive: true, force: true });
  },
  arbitrary: (ctx) =>
    fc.oneof(
      { weight: 9, arbitrary: fc.record({ bytes: bytesArb(ctx.base, 4) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          header: fc.constantFrom('user_version' as const, 'application_id' as const),
          value: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(2, 3, 99, 2 ** 31 - 1, -1)),
        }),
      },
    ),
  async run(input, ctx) {
    const sub = join(ctx.dir, `p${ctx.n++ % 4}`);
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub);
    const file = join(sub, 'fuzz.smgeo');
    let bytes: Buffer;
    if ('bytes' in input) bytes = bytesOf(ctx.base, input.bytes);
    else {
      bytes = Buffer.from(ctx.base);
      bytes.writeInt32BE(input.value, input.header === 'user_version' ? 60 : 68);
    }
    writeFileSync(file, bytes);
    const store = ProjectStore.open(file);
    try {
      store.getSettings();
      for (const o of store.listObjects()) store.history(o.id);
    } finally {
      store.close();
    }
  },
  isClear: (err) => err instanceof StoreError,
  encode: (i) => i,
  decode: (j) => j as ProjectInput,
};
