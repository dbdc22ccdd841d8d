import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { parseAnswer } from './provider-answer';

const what = { provider: 'Google', operation: 'token refresh' };
const Schema = z.looseObject({ access_token: z.string().min(1), items: z.array(z.looseObject({ value: z.string().nullish() })).nullish() });

describe('parseAnswer', () => {
  it('keeps fields the schema does not name, and accepts absent and null optional ones', () => {
    expect(parseAnswer(Schema, { access_token: 'a', extra: { deep: 1 } }, what)).toEqual({ access_token: 'a', extra: { deep: 1 } });
    expect(parseAnswer(Schema, { access_token: 'a', items: null }, what)).toEqual({ access_token: 'a', items: null });
    expect(parseAnswer(Schema, { access_token: 'a', items: [{}] }, what)).toEqual({ access_token: 'a', items: [{}] });
  });

  it('refuses a wrong type as the malformed-answer E_PROVIDER, naming where but quoting no value', () => {
    const error = (() => {
      try {
        parseAnswer(Schema, { access_token: 'a', items: [{ value: ['ya29.secret-value'] }] }, what);
      } catch (e) {
        return e;
      }
      throw new Error('expected a failure');
    })();
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('E_PROVIDER');
    expect((error as KithError).message).toMatch(/^Google sent an answer Kith cannot read \(token refresh: items\[0\]\.value: .*expected string/);
    expect((error as KithError).message).not.toContain('ya29');
  });

  it('refuses an answer that is not an object at all', () => {
    expect(() => parseAnswer(Schema, 'truncated {"acc', what)).toThrow(/cannot read \(token refresh: the answer: /);
    expect(() => parseAnswer(Schema, { access_token: 7 }, what)).toThrow(/cannot read \(token refresh: access_token: /);
  });
});
