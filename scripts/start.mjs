// `npm start`: build, then run the desktop app. Where the Electron binary is not installed (offline
// installs skip its download), say so and run the same app in browser mode on the sample project
// instead of failing: the window, the handlers and the model are the same code.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the package's main export is the binary's path
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // "Electron failed to install correctly": its binary was never downloaded
  }
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built = await run(npx, ['electron-vite', 'build']);
if (built !== 0) process.exit(built);

const electron = electronBinary();
if (electron) {
  process.exit(await run(electron, ['.', ...process.argv.slice(2)]));
}
console.warn(
  '\nThe Electron binary is not installed (npm could not download it, or ELECTRON_SKIP_BINARY_DOWNLOAD was set).\n' +
    'Starting SMGeo Workstation in browser mode on the sample project instead; open the URL below in Chromium.\n' +
    'For the desktop window, fetch the Electron binary on a machine with internet access: node node_modules/electron/install.js\n',
);
process.exit(await run(npx, ['tsx', 'src/main/server/cli.ts', '--sample', ...process.argv.slice(2)]));
