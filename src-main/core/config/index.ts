export { loadConfig, type Env, type HostMachine, type LoadConfigOptions } from './load-config';
export { BUILT_IN_CONFIG_FILE, BUILT_IN_VARIABLES, builtInConfigFromEnv, readBuiltInConfig, type BuiltInConfig } from './built-in-config';
export { GRAPH_API_VERSION, KithConfigSchema, type BrowserChoice, type KithConfig, type GoogleConfig, type FacebookConfig } from './kith-config';
