// Runs one fuzz target: seeded fast-check inputs, each of which must end in a result or a clear
// error (the module's own error class, with a message for the user) within a time limit. A
// failing input is shrunk and kept in test/fuzz-corpus/<target>/ so that it is replayed forever.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'test', 'fuzz-corpus');

export interface FuzzTarget<T, C = unknown> {
  name: string;
  /** What the target feeds, for the report. */
  about: string;
  /** Shared fixtures (files, a server); a string return means the target cannot run here (skipped, with why). */
  setup(): Promise<C | string>;
  teardown?(ctx: C): Promise<void>;
  arbitrary(ctx: C): fc.Arbitrary<T>;
  /** Runs one input; throws only for a clear, expected error or an Unclear failure. */
  run(input: T, ctx: C): Promise<void>;
  /** Whether a thrown error is one the app answers the user with (not a crash). */
  isClear(err: unknown): boolean;
  /** JSON-safe form of an input for the corpus, and back. */
  encode(input: T): unknown;
  decode(json: unknown): T;
}

/** A broken promise of the target (a wrong result, an unclear error, a hang). */
export class Unclear extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unclear';
  }
}

export interface FuzzSummary {
  target: string;
  about: string;
  seed: number;
  inputs: number;
  results: number;
  clearErrors: number;
  failures: number;
  ms: number;
  skipped?: string;
  failure?: { error: string; corpusFile: string };
  /** Resident memory of the fuzzing process: after set-up, the highest seen, and at the end. */
  rssMiB?: { start: number; peak: number; end: number };
}

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  /** Stop earlier than numRuns after this long (the count says how many ran). */
  timeBudgetMs?: number;
  /** Longer than this is a hang. */
  perInputTimeoutMs?: number;
  /** Write failing inputs to the corpus (the CLI does; the test slice reports them instead). */
  keepFailures?: boolean;
  /** Called with each input before it runs (the CLI's watchdog keeps the last one for a hang). */
  onInput?: (encoded: unknown) => void;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unclear(`no answer after ${ms} ms (${what})`)), ms);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** One input: a result or a clear error is fine; anything else throws an Unclear. */
export async function checkOne<T, C>(target: FuzzTarget<T, C>, ctx: C, input: T, timeoutMs = 10_000): Promise<'result' | 'clear-error'> {
  try {
    await withTimeout(target.run(input, ctx), timeoutMs, target.name);
    return 'result';
  } catch (err) {
    if (!(err instanceof Unclear) && target.isClear(err)) return 'clear-error';
    throw err instanceof Unclear ? err : new Unclear(`unclear error: ${describeError(err)}`);
  }
}

export function saveToCorpus(target: string, encoded: unknown, error: string, seed: number): string {
  const dir = join(CORPUS_DIR, target);
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify({ target, seed, error, input: encoded }, null, 1);
  const file = join(dir, `${createHash('sha256').update(JSON.stringify(encoded)).digest('hex').slice(0, 12)}.json`);
  writeFileSync(file, `${text}\n`);
  return file;
}

export function corpusInputs(target: string): { file: string; input: unknown }[] {
  const dir = join(CORPUS_DIR, target);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => ({ file: join(dir, n), input: (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { input: unknown }).input }));
}

export async function fuzzTarget<T, C>(target: FuzzTarget<T, C>, opts: FuzzOptions): Promise<FuzzSummary> {
  const summary: FuzzSummary = { target: target.name, about: target.about, seed: opts.seed, inputs: 0, results: 0, clearErrors: 0, failures: 0, ms: 0 };
  const started = performance.now();
  const ctx = await target.setup();
  if (typeof ctx === 'string') return { ...summary, skipped: ctx };
  const mib = () => Math.round(process.memoryUsage.rss() / 2 ** 20);
  const rss = { start: mib(), peak: mib(), end: 0 };
  try {
    const result = await fc.check(
      fc.asyncProperty(target.arbitrary(ctx), async (input) => {
        summary.inputs++;
        if (summary.inputs % 250 === 0) rss.peak = Math.max(rss.peak, mib());
        opts.onInput?.(target.encode(input));
        const outcome = await checkOne(target, ctx, input, opts.perInputTimeoutMs);
        if (outcome === 'result') summary.results++;
        else summary.clearErrors++;
      }),
      {
        seed: opts.seed,
        numRuns: opts.numRuns,
        interruptAfterTimeLimit: opts.timeBudgetMs,
        markInterruptAsFailure: false,
        // Shrinking re-runs the target; keep it bounded for the file-based targets.
        endOnFailure: true,
      },
    );
    if (result.failed && result.counterexample) {
      summary.failures = 1;
      const input = result.counterexample[0] as T;
      const error = describeError(result.errorInstance);
      const corpusFile = opts.keepFailures ? saveToCorpus(target.name, target.encode(input), error, opts.seed) : '(not kept)';
      summary.failure = { error, corpusFile };
    }
  } finally {
    rss.end = mib();
    summary.rssMiB = { ...rss, peak: Math.max(rss.peak, rss.end) };
    await target.teardown?.(ctx);
    summary.ms = Math.round(performance.now() - started);
  }
  return summary;
}
