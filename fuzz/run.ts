// `npm run fuzz -- [--runs N] [--seed S] [--budget-s T] [target…]`: every fuzz target in its own
// child process, seeded and bounded in time; a watchdog turns a hang (even a stuck regex, which no
// timer inside the process can interrupt) into a failure that keeps its input. Writes one JSON
// report beside the benchmarks (bench/reports/fuzz-latest.json and a dated copy).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzTarget, saveToCorpus, type FuzzSummary } from './harness';
import { TARGETS } from './targets';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261208' },
    'budget-s': { type: 'string', default: '600' },
    'hang-s': { type: 'string', default: '60' },
    child: { type: 'string' },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const budgetMs = Number(values['budget-s']) * 1000;
const hangMs = Number(values['hang-s']) * 1000;

type Message = { type: 'input'; encoded: unknown } | { type: 'summary'; summary: FuzzSummary };

async function child(name: string): Promise<void> {
  const target = TARGETS.find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target ${name}`);
  const send = (m: Message) => process.send?.(m);
  const summary = await fuzzTarget(target, { seed, numRuns: runs, timeBudgetMs: budgetMs, keepFailures: true, onInput: (encoded) => send({ type: 'input', encoded }) });
  // Disconnect only once the summary is through: queued messages are dropped by a disconnect.
  await new Promise<void>((resolve) => (process.send ? process.send({ type: 'summary', summary } satisfies Message, () => resolve()) : resolve()));
  process.disconnect?.();
}

function runInChild(name: string): Promise<FuzzSummary> {
  return new Promise((resolve) => {
    const started = performance.now();
    const proc = fork(import.meta.filename, ['--child', name, '--runs', String(runs), '--seed', String(seed), '--budget-s', String(budgetMs / 1000)], {
      execArgv: ['--import', 'tsx'],
    });
    let last: unknown;
    let count = 0;
    let summary: FuzzSummary | null = null;
    let watchdog = setTimeout(onHang, hangMs);
    function onHang(): void {
      proc.kill('SIGKILL');
      const about = TARGETS.find((t) => t.name === name)?.about ?? '';
      const corpusFile = saveToCorpus(name, last, `hang: no answer for ${hangMs / 1000} s`, seed);
      summary = { target: name, about, seed, inputs: count, results: 0, clearErrors: 0, failures: 1, ms: Math.round(performance.now() - started), failure: { error: 'hang', corpusFile } };
    }
    proc.on('message', (m: Message) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(onHang, hangMs);
      if (m.type === 'input') {
        last = m.encoded;
        count++;
      } else summary = m.summary;
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      const about = TARGETS.find((t) => t.name === name)?.about ?? '';
      if (!summary) {
        const corpusFile = saveToCorpus(name, last, `crash: the process ended (${signal ?? code})`, seed);
        summary = { target: name, about, seed, inputs: count, results: 0, clearErrors: 0, failures: 1, ms: Math.round(performance.now() - started), failure: { error: `crash (${signal ?? code})`, corpusFile } };
      }
      resolve(summary);
    });
  });
}

async function main(): Promise<void> {
  if (values.child) return child(values.child);
  const chosen = TARGETS.filter((t) => positionals.length === 0 || positionals.includes(t.name));
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    command: `npm run fuzz -- --runs ${runs} --seed ${seed} --budget-s ${budgetMs / 1000}${positionals.length ? ` ${positionals.join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
  };
  const summaries: FuzzSummary[] = [];
  for (const t of chosen) {
    process.stdout.write(`fuzz ${t.name} … `);
    const s = await runInChild(t.name);
    summaries.push(s);
    const memory = s.rssMiB ? `, memory ${s.rssMiB.start}→${s.rssMiB.end} MiB (peak ${s.rssMiB.peak})` : '';
    console.log(s.skipped ? `skipped: ${s.skipped}` : `${s.inputs} inputs, ${s.results} results, ${s.clearErrors} clear errors, ${s.failures} failures, ${(s.ms / 1000).toFixed(1)} s${memory}`);
    if (s.failure) console.log(`  FAILED: ${s.failure.error}\n  input kept in ${s.failure.corpusFile}`);
  }
  report.targets = summaries;
  const dir = join(import.meta.dirname, '..', 'bench', 'reports');
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(report, null, 2);
  writeFileSync(join(dir, 'fuzz-latest.json'), text);
  writeFileSync(join(dir, `fuzz-${report.date as string}.json`.replace(/:/g, '-')), text);
  console.log(`report: ${join(dir, 'fuzz-latest.json')}`);
  if (summaries.some((s) => s.failures > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
