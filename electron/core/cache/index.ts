/** The offline cache: open it with openCache(); see sqlite-cache.ts for the CacheDb methods. */
export { openCache, type OpenCacheOptions } from './open-cache'
export { SqliteCache } from './sqlite-cache'
export { SCHEMA_VERSION } from './migrations'
