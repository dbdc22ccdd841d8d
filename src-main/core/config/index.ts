export { loadConfig, type Env } from './load-config';
export { GRAPH_API_VERSION, KithConfigSchema, type KithConfig, type GoogleConfig, type FacebookConfig } from './kith-config';
