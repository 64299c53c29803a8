// `npm test` runs this first: it brings what the tests need on a fresh machine, or stops at once
// with the exact command to run. Fast when everything is already there (a few dpkg/stat checks).
//   1. Debian packages (Python with GDAL/numpy/pytest, GDAL's tools, Chromium, ffmpeg): installed
//      with apt-get when running as root, else named in the `sudo apt-get install` line to run.
//   2. training/.venv: a venv of Debian's Python that sees those packages, plus PyTorch from PyPI
//      (training/requirements.txt); rebuilt when the requirements change.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What each package is for, so a failure says why it is needed. */
export const DEBIAN_PACKAGES = {
  python3: 'training, evaluation and the sample generator',
  'python3-venv': 'training/.venv',
  'python3-numpy': 'training',
  'python3-scipy': 'the sample generator',
  'python3-pil': 'image I/O in training',
  'python3-gdal': 'GeoTIFF writing in the generator and the real-imagery readers',
  'python3-onnx': 'the ONNX export checks',
  'python3-pytest': 'the Python tests',
  'gdal-bin': 'the GDAL/OGR cross-checks of mosaics and exports',
  chromium: 'the end-to-end stories (browser mode)',
  ffmpeg: 'opening drone video',
};

function missingDebianPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) return null; // not Debian: say what is needed, don't guess
  return Object.keys(DEBIAN_PACKAGES).filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function fail(lines) {
  console.error(['', '[pretest] The tests cannot run yet:', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(1);
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing === null) {
    fail([
      'this is not a Debian-based system, so the packages cannot be checked. The tests need:',
      ...Object.entries(DEBIAN_PACKAGES).map(([n, why]) => `${n} (${why})`),
    ]);
  }
  if (missing.length === 0) return;
  const line = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    fail([`missing Debian packages: ${missing.join(', ')}.`, `Run:  sudo sh -c '${line}'`, 'then npm test again.']);
  }
  console.log(`[pretest] installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) fail([`apt-get ${args.join(' ')} failed (exit ${r.status}).`, `Run by hand:  ${line}`]);
  }
}

function ensureVenv() {
  const venv = join(root, 'training', '.venv');
  const python = join(venv, 'bin', 'python');
  const requirements = join(root, 'training', 'requirements.txt');
  const stamp = join(venv, '.requirements.sha256');
  const want = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return;

  console.log('[pretest] building training/.venv (Debian Python + PyTorch from training/requirements.txt)');
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
    if (r.status !== 0) fail([`${cmd} ${args.join(' ')} failed (exit ${r.status}).`]);
  };
  if (!existsSync(python)) run('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', venv]);
  run(python, ['-m', 'pip', 'install', '--quiet', '-r', requirements]);
  const version = execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim();
  console.log(`[pretest] training/.venv has torch ${version}`);
  writeFileSync(stamp, `${want}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDebianPackages();
  ensureVenv();
}
