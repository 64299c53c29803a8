// `npm run bench`: runs every benchmark and writes one JSON report (bench/reports/latest.json and a
// dated copy). Figures are measurements on this machine, never pass/fail assertions.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

type Bench = { name: string; load: () => Promise<{ run: () => Promise<Record<string, unknown>> }> };

const benches: Bench[] = [
  { name: 'model', load: () => import('./model') },
  { name: 'localize', load: () => import('./localize') },
  { name: 'mosaic', load: () => import('./mosaic') },
  { name: 'frames', load: () => import('./frames') },
  { name: 'export', load: () => import('./export') },
  { name: 'video', load: () => import('./video') },
  { name: 'frame-memory', load: () => import('./frame-memory') },
  { name: 'renderer', load: () => import('./renderer') },
];

function trainingStepBench(): Record<string, unknown> {
  const training = join(import.meta.dirname, '..', 'training');
  // training/.venv is what `npm test` builds (PyTorch 2.13); Debian's python3 is the fallback.
  const venvPython = join(training, '.venv', 'bin', 'python');
  const python = existsSync(venvPython) ? venvPython : '/usr/bin/python3';
  const res = spawnSync(python, ['-m', 'smgeo.bench', '--json'], {
    cwd: training,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) return { error: (res.stderr || res.error?.message || 'failed').slice(-2000) };
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
  };
  for (const bench of benches) {
    if (only.length && !only.includes(bench.name)) continue;
    process.stdout.write(`bench ${bench.name} … `);
    try {
      report[bench.name] = await (await bench.load()).run();
      console.log('done');
    } catch (err) {
      report[bench.name] = { error: err instanceof Error ? err.message : String(err) };
      console.log(`failed: ${String(err)}`);
    }
  }
  if (!only.length || only.includes('training')) {
    process.stdout.write('bench training … ');
    report.training = trainingStepBench();
    console.log('done');
  }
  const dir = join(import.meta.dirname, 'reports');
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(report, null, 2);
  writeFileSync(join(dir, 'latest.json'), text);
  writeFileSync(join(dir, `bench-${report.date as string}.json`.replace(/:/g, '-')), text);
  console.log(text);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
