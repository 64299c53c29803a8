// Browser mode: `npm run serve -- [--port N] [--project FILE] [--sample]`. Serves the built
// renderer and the app API on 127.0.0.1 and prints the URL (with its access token) to open.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dispatch, Session } from '../handlers';
import { rendererDir, resourcesDir, userDataDir } from '../paths';
import { startServer } from './server';

const USAGE = `Usage: npm run serve -- [--port N] [--project FILE | --sample] [--model DIR] [--user-data DIR]
  --port N         listen on 127.0.0.1:N (default: a free port)
  --project FILE   open (or create, if it does not exist) this project
  --sample         open the bundled sample project
  --model DIR      use this model folder instead of resources/models
  --user-data DIR  keep the recent list and sample project here`;

function fail(message: string): never {
  console.error(`smgeo serve: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' },
        project: { type: 'string' },
        sample: { type: 'boolean', default: false },
        model: { type: 'string' },
        'user-data': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.port}"`);
  if (args.project && args.sample) fail('give either --project or --sample, not both');

  const appRoot = fileURLToPath(new URL('../../..', import.meta.url));
  const session = new Session({
    userDataDir: args['user-data'] ? resolve(args['user-data']) : userDataDir(),
    resourcesDir: resourcesDir({ packaged: false, appRoot }),
    modelDir: args.model ? resolve(args.model) : undefined,
  });
  const renderer = rendererDir(appRoot);
  if (!existsSync(resolve(renderer, 'index.html'))) console.warn(`smgeo serve: ${renderer} has no index.html; run \`npm run build\` first.`);

  if (args.project || args.sample) {
    const project = args.project ? resolve(args.project) : '';
    const result = args.sample
      ? await dispatch(session, 'project.openSample', {})
      : await dispatch(session, existsSync(project) ? 'project.open' : 'project.create', { path: project });
    if (!result.ok) fail(result.error.message);
  }

  const server = await startServer({ session, rendererDir: renderer, port });
  console.log(`SMGeo Workstation (browser mode) is running. Open:\n  ${server.url}?token=${server.token}`);
  console.log(`API token: ${server.token}`);

  const stop = async (): Promise<void> => {
    await server.close();
    await session.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') fail('that port is already in use; choose another with --port, or leave --port out to get a free one');
  console.error(`smgeo serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
