// The handler tests read every result through checkedOutput; it must refuse a result that drifted.
import { describe, expect, it } from 'vitest';
import { checkedOutput } from './fixtures';

describe('checkedOutput', () => {
  it('passes a result that fits the output schema through unchanged', () => {
    const value = { path: '/data/out.csv', count: 3 };
    expect(checkedOutput('export.csv', value)).toBe(value);
  });

  it('refuses a result missing a field, naming the channel and the field', () => {
    expect(() => checkedOutput('export.csv', { path: '/data/out.csv' })).toThrow(/^export\.csv returned what its output schema refuses: count:/);
  });

  it('refuses a null where the schema wants a view', () => {
    expect(() => checkedOutput('mosaic.open', null)).toThrow(/mosaic\.open/);
  });
});
