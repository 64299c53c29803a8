// `npx tsx fuzz/replay.ts <target> <corpus file>`: runs one kept input and prints what happened
// (with the stack), to debug a failure `npm run fuzz` found.
import { readFileSync } from 'node:fs';
import { checkOne } from './harness';
import { TARGETS } from './targets';

const [name, file] = process.argv.slice(2);
const target = TARGETS.find((x) => x.name === name);
if (!target || !file) throw new Error(`usage: tsx fuzz/replay.ts <${TARGETS.map((t) => t.name).join('|')}> <corpus file>`);
const ctx = await target.setup();
if (typeof ctx === 'string') throw new Error(`${name} cannot run here: ${ctx}`);
const input = target.decode((JSON.parse(readFileSync(file, 'utf8')) as { input: unknown }).input);
try {
  await target.run(input, ctx);
  console.log('result');
} catch (err) {
  console.log(err instanceof Error ? err.stack : String(err));
  console.log(`→ ${await checkOne(target, ctx, input).catch((e: unknown) => `FAILURE: ${String(e)}`)}`);
} finally {
  await target.teardown?.(ctx);
}
