// The layering rules of eslint.config.js and the split tsconfigs catch a planted violation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Lints `code` as if it were the file `file` (relative to the repository root). */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const use = (spec: string) => `import * as m from '${spec}';\nexport const x = m;\n`;

describe('import boundaries', () => {
  it('keeps the renderer in the browser: no Node, no main-process code, no native packages', async () => {
    expect(await restrictedImports('src/renderer/lib/planted.ts', use('node:fs'))).toEqual([
      expect.stringContaining('The renderer imports only its own files, src/shared'),
    ]);
    expect(await restrictedImports('src/renderer/components/Planted.tsx', use('../../main/store'))).toEqual([
      expect.stringContaining('The renderer cannot reach main-process code'),
    ]);
    expect(await restrictedImports('src/renderer/Planted.tsx', use('sharp'))).toHaveLength(1);
    expect(await restrictedImports('src/renderer/Planted.tsx', use('electron'))).toHaveLength(1);
  });

  it('lets the renderer import its own files, src/shared and the UI packages', async () => {
    const code = [use('../../shared/api'), use('./map-helpers'), use('react-leaflet'), use('react-dom/client')];
    for (const c of code) expect(await restrictedImports('src/renderer/map/Planted.tsx', c)).toEqual([]);
  });

  it('lets only src/main/model/ import onnxruntime-node', async () => {
    expect(await restrictedImports('src/main/localize/planted.ts', use('onnxruntime-node'))).toEqual([
      expect.stringContaining('Only src/main/model/ talks to onnxruntime'),
    ]);
    expect(await restrictedImports('src/main/handlers/planted.ts', use('onnxruntime-node'))).toHaveLength(1);
    expect(await restrictedImports('src/main/model/planted.ts', use('onnxruntime-node'))).toEqual([]);
  });

  it('lets only src/main/store/ import better-sqlite3', async () => {
    expect(await restrictedImports('src/main/export/planted.ts', use('better-sqlite3'))).toEqual([
      expect.stringContaining('Only src/main/store/ opens the database'),
    ]);
    expect(await restrictedImports('src/main/index.ts', use('better-sqlite3'))).toHaveLength(1);
    expect(await restrictedImports('src/main/store/planted.ts', use('better-sqlite3'))).toEqual([]);
  });

  it('keeps domain modules from importing handlers/; the transports may', async () => {
    for (const file of ['src/main/mosaic/planted.ts', 'src/main/model/planted.ts', 'src/main/store/planted.ts', 'src/main/app/planted.ts', 'src/main/planted.ts']) {
      const spec = file === 'src/main/planted.ts' ? './handlers/session' : '../handlers/session';
      expect(await restrictedImports(file, use(spec))).toEqual([expect.stringContaining('must not depend on handlers/')]);
    }
    expect(await restrictedImports('src/main/server/planted.ts', use('../handlers/session'))).toEqual([]);
    expect(await restrictedImports('src/main/ipc.ts', use('./handlers/session'))).toEqual([]);
    expect(await restrictedImports('src/main/cli/planted.ts', use('../handlers/session'))).toEqual([]);
  });

  it('keeps src/shared free of Node and of any one process', async () => {
    expect(await restrictedImports('src/shared/planted.ts', use('node:path'))).toHaveLength(1);
    expect(await restrictedImports('src/shared/geometry/planted.ts', use('../../main/mosaic'))).toHaveLength(1);
    expect(await restrictedImports('src/shared/geometry/planted.ts', use('../api'))).toEqual([]);
    expect(await restrictedImports('src/shared/planted.ts', use('zod'))).toEqual([]);
  });
});

describe('the renderer type-checks without Node types', () => {
  it('rejects node:fs and Buffer under tsconfig.web.json', () => {
    const configFile = path.join(ROOT, 'tsconfig.web.json');
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configFile);
    const planted = path.join(ROOT, 'src/renderer/planted.ts');
    const source = "import { readFileSync } from 'node:fs';\nexport const b: Buffer = readFileSync('x');\n";
    const host = ts.createCompilerHost(options);
    const readFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      path.resolve(name) === planted ? ts.createSourceFile(name, source, lang) : readFile(name, lang, ...rest);
    const program = ts.createProgram([planted], { ...options, composite: false, noEmit: true }, host);
    const codes = ts.getPreEmitDiagnostics(program).map((d) => d.code);
    expect(codes).toContain(2307); // Cannot find module 'node:fs'
    expect(codes).toContain(2591); // Cannot find name 'Buffer'
  });
});
