// Lint, and the layers of README "Architecture" as import rules, so a layering slip fails
// `npm test` instead of waiting for a reviewer.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Each rule is a list of `no-restricted-imports` patterns. ESLint keeps only the last
// `no-restricted-imports` setting that matches a file, so every area below lists all of its bans.
const onlyModelLoadsOnnx = {
  group: ['onnxruntime-node', 'onnxruntime-node/*'],
  message: 'Only src/main/model/ talks to onnxruntime: call the model service instead.',
};
const onlyStoreOpensSqlite = {
  group: ['better-sqlite3', 'better-sqlite3/*'],
  message: 'Only src/main/store/ opens the database: go through ProjectStore instead.',
};
const domainDoesNotImportHandlers = {
  regex: '^\\.{1,2}/(\\.\\./)*handlers(/|$)',
  message:
    'Domain modules (mosaic, frames, model, localize, store, export, ...) must not depend on handlers/: ' +
    'pass what they need in as arguments.',
};
// The renderer is a browser page: it may import its own files, src/shared and the UI packages.
const rendererUiPackages = ['react', 'react-dom', 'react-leaflet', 'leaflet', 'zod', 'proj4', 'mgrs'];
const rendererStaysInTheBrowser = [
  {
    regex: `^(?!\\.|(${rendererUiPackages.join('|')})(/|$))`,
    message: `The renderer imports only its own files, src/shared and ${rendererUiPackages.join(', ')}: ask main through the API in src/shared/api.ts.`,
  },
  {
    regex: '^(\\.\\./)+(main|preload)(/|$)',
    message: 'The renderer cannot reach main-process code: ask main through the API in src/shared/api.ts.',
  },
];
// src/shared is loaded by main, preload and the renderer: plain TypeScript plus zod.
const sharedIsPortable = [
  {
    regex: '^(?!\\.|zod$)',
    message: 'src/shared is imported by the renderer too: only zod and other src/shared files.',
  },
  {
    regex: '^(\\.\\./)+(main|preload|renderer)(/|$)',
    message: 'src/shared is imported by every process: it cannot depend on main, preload or renderer code.',
  },
];
const preloadIsABridge = [
  {
    regex: '^(?!electron$|\\.\\./shared/)',
    message: 'The preload script only bridges: electron and src/shared, nothing else.',
  },
];

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// The transport side of main: it may call handlers.
const mainBoundary = [
  'src/main/handlers/**',
  'src/main/server/**',
  'src/main/cli/**',
  'src/main/ipc.ts',
  'src/main/index.ts',
];

export default defineConfig(
  { ignores: ['out/', 'dist/', 'node_modules/', 'training/', 'resources/', 'bench/reports/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**', 'test/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['src/renderer/**'], rules: restrict(...rendererStaysInTheBrowser) },
  { files: ['src/shared/**'], rules: restrict(...sharedIsPortable) },
  { files: ['src/preload/**'], rules: restrict(...preloadIsABridge) },
  {
    files: ['src/main/**'],
    ignores: [...mainBoundary, 'src/main/model/**', 'src/main/store/**'],
    rules: restrict(onlyModelLoadsOnnx, onlyStoreOpensSqlite, domainDoesNotImportHandlers),
  },
  { files: ['src/main/model/**'], rules: restrict(onlyStoreOpensSqlite, domainDoesNotImportHandlers) },
  { files: ['src/main/store/**'], rules: restrict(onlyModelLoadsOnnx, domainDoesNotImportHandlers) },
  { files: mainBoundary, rules: restrict(onlyModelLoadsOnnx, onlyStoreOpensSqlite) },
  // Tests mirror src/: the store's tests open databases, the model's tests may reach onnxruntime.
  {
    files: ['test/**', 'bench/**'],
    ignores: ['test/main/store/**', 'test/main/model/**'],
    rules: restrict(onlyModelLoadsOnnx, onlyStoreOpensSqlite),
  },
  { files: ['test/main/store/**'], rules: restrict(onlyModelLoadsOnnx) },
  { files: ['test/main/model/**'], rules: restrict(onlyStoreOpensSqlite) },
);
