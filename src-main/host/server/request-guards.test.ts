import { describe, expect, it } from 'vitest';
import { allowedHosts, isAllowedFetchSite, isJsonContentType, isLoopbackOrigin } from './request-guards';

describe('request guards', () => {
  it('accept a public origin only when it names this machine', () => {
    expect(isLoopbackOrigin('http://localhost:4600')).toBe(true);
    expect(isLoopbackOrigin('http://kith.localhost:4600')).toBe(true);
    expect(isLoopbackOrigin('http://127.0.0.1:4600')).toBe(true);
    for (const origin of ['http://evil.example:4600', 'https://localhost:4600', 'http://localhost.evil.example', 'http://127.0.0.2:4600', 'http://localhost:4600/app', 'nonsense']) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });

  it('answer to 127.0.0.1 and localhost on the port only', () => {
    const hosts = allowedHosts(4600);
    expect([...hosts].sort()).toEqual(['127.0.0.1:4600', 'localhost:4600']);
  });

  it('take JSON only, and fetches from the same origin or the address bar', () => {
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType('text/plain;application/json')).toBe(false);
    expect(isAllowedFetchSite('none')).toBe(true);
    expect(isAllowedFetchSite('same-site')).toBe(false);
  });
});
