// The page's list of script tokens, loaded from the contract and reloaded after
// every change. Secrets never enter it: create and regenerate hand theirs to
// the caller, which shows it once and drops it.
import { useCallback, useEffect, useState } from 'react';
import type { IssuedScriptToken, KithApi, KithErrorInfo, KithMethodInput, ScriptToken } from '../../../src-contract/kith-api';
import { toErrorInfo } from '../../lib/error-words';

export interface ScriptTokens {
  tokens: ScriptToken[] | null;
  error: KithErrorInfo | null;
  reload(): Promise<void>;
  create(input: KithMethodInput<'tokens.create'>): Promise<IssuedScriptToken>;
  regenerate(tokenId: string): Promise<IssuedScriptToken>;
  revoke(tokenId: string): Promise<void>;
}

export function useScriptTokens(api: KithApi): ScriptTokens {
  const [tokens, setTokens] = useState<ScriptToken[] | null>(null);
  const [error, setError] = useState<KithErrorInfo | null>(null);
  const reload = useCallback(
    () =>
      api.tokens.list().then(
        (list) => {
          setTokens(list);
          setError(null);
        },
        (failure: unknown) => setError(toErrorInfo(failure)),
      ),
    [api],
  );
  useEffect(() => {
    let current = true;
    api.tokens.list().then(
      (list) => current && setTokens(list),
      (failure: unknown) => current && setError(toErrorInfo(failure)),
    );
    return () => {
      current = false;
    };
  }, [api]);
  const strip = (issued: IssuedScriptToken) => {
    // The list keeps the record only; the secret goes back to the caller alone.
    setTokens((list) => [...(list ?? []).filter((t) => t.id !== issued.token.id), issued.token].sort((a, b) => a.createdAt - b.createdAt));
    return issued;
  };
  return {
    tokens,
    error,
    reload,
    create: async (input) => strip(await api.tokens.create(input)),
    regenerate: async (tokenId) => strip(await api.tokens.regenerate({ tokenId })),
    revoke: async (tokenId) => {
      await api.tokens.revoke({ tokenId });
      setTokens((list) => (list ?? []).filter((t) => t.id !== tokenId));
    },
  };
}
