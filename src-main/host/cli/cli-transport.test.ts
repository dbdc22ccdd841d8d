// The transport contract suite over the CLI's own path: the client and
// in-process transport every `kith` command uses (createCliKith).
import { describeTransportContract } from '../../../src-contract/testing/transport-contract-suite';
import { cliTransport, createCliKith, type CliAccessTokens } from './cli-kith';

const noTokens: CliAccessTokens = {
  issue: () => Promise.reject(new Error('not used by the suite')),
  list: async () => [],
  revoke: async () => false,
};

describeTransportContract("the CLI's in-process client", async (api) => {
  const log = { error: () => {} };
  return {
    transport: cliTransport(api, log),
    client: createCliKith(Object.assign(api, { accessTokens: noTokens }), log).api,
    close: async () => {},
  };
});
