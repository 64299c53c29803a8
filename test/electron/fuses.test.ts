// The packaged app's Electron fuses: another local program cannot run it as plain Node.js, inject
// NODE_OPTIONS or attach an inspector, and only the integrity-checked app.asar is loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../main/handlers/fixtures';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const scheme = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };

const config = yaml.load(readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as { asar: boolean; electronFuses?: Record<string, boolean> };

it('build/electron-builder.yml sets the Electron fuses', () => {
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  });
  // onlyLoadAppFromAsar and the integrity check need an asar to load.
  expect(config.asar).toBe(true);
  // Every key is one electron-builder knows (a misspelt fuse would be ignored silently).
  for (const key of Object.keys(config.electronFuses!)) expect(Object.keys(scheme.definitions.FuseOptionsV1.properties)).toContain(key);
});
