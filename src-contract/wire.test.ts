import { describe, expect, it } from 'vitest';
import { KithError } from './errors';
import { eventChannel, httpPaths, methodChannel, rpcErrorReply, unwrapRpcReply } from './wire';

describe('the wire format', () => {
  it('unwraps replies and refuses anything else', () => {
    expect(unwrapRpcReply({ ok: true, result: [1] })).toEqual([1]);
    expect(() => unwrapRpcReply({ ok: false, error: { code: 'E_OFFLINE', message: 'Offline.' } })).toThrow(expect.objectContaining({ code: 'E_OFFLINE' }));
    expect(() => unwrapRpcReply({ ok: false, error: { code: 'E_MADE_UP', message: 'x' } })).toThrow(expect.objectContaining({ code: 'E_INTERNAL' }));
    expect(() => unwrapRpcReply('<html>')).toThrow(expect.objectContaining({ code: 'E_INTERNAL' }));
  });

  it('answers a failure with its code, and anything unexpected with a generic one', () => {
    expect(rpcErrorReply(new KithError('E_OFFLINE', 'Offline.'))).toEqual({ ok: false, error: { code: 'E_OFFLINE', message: 'Offline.' } });
    expect(unwrapRpcReply.bind(null, rpcErrorReply(new Error('token=abc')))).toThrow(expect.objectContaining({ code: 'E_INTERNAL' }));
  });

  it('names one IPC channel per method and per event, and the HTTP paths', () => {
    expect(methodChannel('accounts.connect')).toBe('kith:call:accounts.connect');
    expect(eventChannel('loginStarted')).toBe('kith:event:loginStarted');
    expect(httpPaths.rpc('friends.list')).toBe('/api/rpc/friends.list');
  });
});
