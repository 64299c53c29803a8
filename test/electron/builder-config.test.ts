// The packaging config is only exercised by `npm run package`, which cannot run here (it downloads
// Electron): check it against electron-builder's own schema and for what the app needs at runtime.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../main/handlers/fixtures';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  files: string[];
}

const config = yaml.load(readFileSync(join(REPO_ROOT, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('build/electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('unpacks the native addons from app.asar and rebuilds them for Electron', () => {
    for (const mod of ['onnxruntime-node', 'better-sqlite3', 'sharp']) {
      expect(config.asarUnpack.some((p) => p.includes(`node_modules/${mod}/`)), mod).toBe(true);
    }
    expect(config.npmRebuild).toBe(true);
  });

  it('ships the model and the sample where paths.ts looks for them', () => {
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources/models', to: 'models' }), expect.objectContaining({ from: 'resources/sample', to: 'sample' })]),
    );
    expect(config.files).toContain('out/**/*');
  });

  it('targets AppImage and deb on Linux, nsis on Windows, dmg on macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});
