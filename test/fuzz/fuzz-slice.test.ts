// A small, seeded slice of `npm run fuzz` (which runs ≥ 10,000 inputs per target), and every input
// that once failed (test/fuzz-corpus/<target>/), replayed: each ends in a result or a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOne, corpusInputs, fuzzTarget } from '../../fuzz/harness';
import { TARGETS } from '../../fuzz/targets';

const SEED = 4242;
const RUNS = 150;

for (const target of TARGETS) {
  describe(`fuzz ${target.name}`, () => {
    let ctx: unknown;
    beforeAll(async () => {
      ctx = await target.setup();
      if (typeof ctx === 'string') console.warn(`fuzz ${target.name} skipped: ${ctx}`);
    });
    afterAll(async () => {
      if (ctx !== undefined && typeof ctx !== 'string') await target.teardown?.(ctx);
    });

    const corpus = corpusInputs(target.name);
    it.each(corpus.length ? corpus : [{ file: '(none yet)', input: null }])('replays $file', async ({ input, file }) => {
      if (input === null || typeof ctx === 'string') return;
      await expect(checkOne(target, ctx, target.decode(input)), file).resolves.toMatch(/^(result|clear-error)$/);
    });

    it(`${RUNS} seeded inputs end in a result or a clear error`, async () => {
      if (typeof ctx === 'string') return;
      const summary = await fuzzTarget(target, { seed: SEED, numRuns: RUNS });
      if (summary.skipped) return;
      expect(summary.failure?.error ?? null).toBeNull();
      expect(summary.inputs).toBe(RUNS);
      expect(summary.results + summary.clearErrors).toBe(RUNS);
    });
  });
}
