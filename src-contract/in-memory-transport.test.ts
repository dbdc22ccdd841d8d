import { createInMemoryTransport } from './in-memory-transport';
import { describeTransportContract } from './testing/transport-contract-suite';

describeTransportContract('the in-memory transport', async (api) => ({
  transport: createInMemoryTransport(api),
  close: async () => {},
}));
