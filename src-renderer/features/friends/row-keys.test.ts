import { describe, expect, it } from 'vitest';
import type { Friend } from '../../../src-contract/kith-api';
import { keyedRows } from './row-keys';

const friend = (id: string) => ({ id }) as Friend;

describe('keyedRows', () => {
  it('keys a person by id wherever they are, so a search that moves them keeps their row', () => {
    const before = keyedRows([{ index: 0, friend: friend('a') }, { index: 1, friend: friend('b') }]);
    const after = keyedRows([{ index: 0, friend: friend('b') }, { index: 1, friend: friend('c') }]);
    expect(after[0]?.key).toBe(before[1]?.key);
    expect(new Set([...before, ...after].map((r) => r.key)).size).toBe(3);
  });

  it('keys rows still loading by place, and a person seen twice by place the second time', () => {
    const keys = keyedRows([
      { index: 4, friend: friend('a') },
      { index: 5, friend: undefined },
      { index: 6, friend: friend('a') },
    ]).map((r) => r.key);
    expect(new Set(keys).size).toBe(3);
    expect(keys[1]).not.toBe(keyedRows([{ index: 6, friend: undefined }])[0]?.key);
  });
});
