export { loadConfig, type Env, type HostMachine } from './load-config';
export { GRAPH_API_VERSION, KithConfigSchema, type BrowserChoice, type KithConfig, type GoogleConfig, type FacebookConfig } from './kith-config';
