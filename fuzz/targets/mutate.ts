// Byte-level mutations of a valid file: what a damaged copy, a cut download or a crafted file looks like.
import fc from 'fast-check';

export type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; count: number }
  | { op: 'u32'; at: number; value: number };

/** Offsets in [0, 1) of the file length, so one mutation fits any file; `headBias` favours the first bytes. */
export function mutationArb(headBias = 0.7): fc.Arbitrary<Mutation> {
  const at = fc.oneof(
    { weight: Math.round(headBias * 10), arbitrary: fc.integer({ min: 0, max: 1023 }).map((n) => -1 - n) }, // −1…−1024: from the start
    { weight: Math.round((1 - headBias) * 10), arbitrary: fc.integer({ min: 0, max: 999_999 }) }, // anywhere, per million
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('flip' as const), at, value: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 64 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('u32' as const),
        at,
        value: fc.oneof(fc.constantFrom(0, 1, 0xffff, 0x7fffffff, 0xffffffff, 100_000), fc.integer({ min: 0, max: 0xffffffff })),
      }),
    },
  );
}

function offset(at: number, length: number): number {
  if (length === 0) return 0;
  return at < 0 ? Math.min(length - 1, -1 - at) : Math.floor((at / 1_000_000) * length);
}

export function applyMutations(base: Uint8Array, mutations: Mutation[]): Buffer {
  let buf = Buffer.from(base);
  for (const m of mutations) {
    const at = offset(m.at, buf.length);
    switch (m.op) {
      case 'flip':
        if (buf.length) buf[at] = m.value;
        break;
      case 'truncate':
        buf = buf.subarray(0, at);
        break;
      case 'insert':
        buf = Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)]);
        break;
      case 'delete':
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.count)]);
        break;
      case 'u32':
        if (at + 4 <= buf.length) buf.writeUInt32LE(m.value >>> 0, at);
        break;
    }
  }
  return buf;
}

/** Mutated copies of `base`, or plain random bytes. */
export function bytesArb(base: Uint8Array, maxMutations = 4): fc.Arbitrary<{ mutations: Mutation[] } | { random: number[] }> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.record({ mutations: fc.array(mutationArb(), { minLength: 1, maxLength: maxMutations }) }) },
    { weight: 1, arbitrary: fc.record({ random: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 512 }) }) },
  );
}

export function bytesOf(base: Uint8Array, input: { mutations: Mutation[] } | { random: number[] }): Buffer {
  return 'random' in input ? Buffer.from(input.random) : applyMutations(base, input.mutations);
}

/** JSON cannot hold NaN, ±Infinity or −0: they travel as {"$n": "NaN"}. */
export function toJsonSafe(v: unknown): unknown {
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { $n: Object.is(v, -0) ? '-0' : String(v) };
  if (typeof v === 'bigint') return { $big: String(v) };
  if (v === undefined) return { $u: 1 };
  if (Array.isArray(v)) return v.map(toJsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonSafe(x)]));
  return v;
}

export function fromJsonSafe(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJsonSafe);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$n === 'string' && Object.keys(o).length === 1) return o.$n === '-0' ? -0 : Number(o.$n);
    if (typeof o.$big === 'string' && Object.keys(o).length === 1) return BigInt(o.$big);
    if (o.$u === 1 && Object.keys(o).length === 1) return undefined;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromJsonSafe(x)]));
  }
  return v;
}

/** Numbers a parser must survive. */
export const nastyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, 2 ** 53, 90.0000001, -180.5, 360, 1e21),
  fc.integer(),
);

/** Strings a number field may hold. */
export const nastyNumberText = fc.oneof(
  nastyNumber.map(String),
  fc.constantFrom('', ' ', '-', '+', '.', '1e', '0x1f', '1,5', '٣', 'NaN', 'Infinity', '1e999', '--5', '+-3', '12.3.4', '\u00a0'),
  fc.string({ maxLength: 12 }),
);
