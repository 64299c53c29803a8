// Run inside a mount namespace where `<root>/ro` is read-only (see read-only.test.ts): opens the
// project there through the handlers and prints what each step answered, as one JSON line.
import { join } from 'node:path';
import { dispatch, Session } from '../../../src/main/handlers';

const root = process.argv[2]!;
const session = new Session({ userDataDir: join(root, 'user'), resourcesDir: join(root, 'resources') });
const call = (channel: string, input: unknown) => dispatch(session, channel, input);

const out: Record<string, unknown> = {};
const opened = await call('project.open', { path: join(root, 'ro', 'p.smgeo') });
out.open = opened;
if (opened.ok) {
  const objects = (await call('objects.list', {})) as { ok: true; value: { id: string }[] };
  out.objectCount = objects.value.length;
  out.update = await call('objects.update', { id: objects.value[0]!.id, status: 'accepted' });
  out.exportCsv = await call('export.csv', { path: join(root, 'out', 'objects.csv') });
  out.exportGeoJson = await call('export.geojson', { path: join(root, 'out', 'objects.geojson') });
  out.state = await call('app.state', {});
}
await session.close();
console.log(JSON.stringify(out));
