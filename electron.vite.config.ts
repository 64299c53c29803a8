import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Native addons must stay real `require`s: they are loaded from node_modules (or app.asar.unpacked).
const nativeModules = ['better-sqlite3', 'onnxruntime-node', 'sharp'];

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The export worker is its own entry: jobs.ts starts it from out/main/export-worker.js.
        input: { index: resolve(__dirname, 'src/main/index.ts'), 'export-worker': resolve(__dirname, 'src/main/export/export-worker.ts') },
        external: nativeModules,
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
