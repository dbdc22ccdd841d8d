// The transport contract suite over real HTTP: the page's client
// (createHttpTransport) against the host server on 127.0.0.1.
import { createHttpTransport } from '../../../src-contract/http-transport';
import { describeTransportContract } from '../../../src-contract/testing/transport-contract-suite';
import { startHostServer } from './host-server';
import { createRecordingLogger } from '../../core/testing/recording-logger';
import { createTestAccessTokens } from './testing/test-access-tokens';

describeTransportContract('HTTP to the host server', async (api) => {
  const tokens = createTestAccessTokens(createRecordingLogger());
  const server = await startHostServer({ ...api, accessTokens: tokens }, { rendererDir: '/nonexistent', heartbeatMs: 1000 });
  const transport = createHttpTransport({
    baseUrl: server.url,
    headers: { authorization: `Bearer ${await tokens.issuePersonal(['app'])}` },
    reconnectDelayMs: 50,
  });
  return { transport, close: () => server.close() };
});
