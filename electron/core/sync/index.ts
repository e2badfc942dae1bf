/** The sync engine: panels' lists, packages and account into the cache; freshness rules; panel status. */
export { SyncEngine, type SyncEngineOptions } from './sync-engine'
export { PanelStatusBoard } from './panel-status'
export { syncHandlers } from './sync-handlers'
export { freshnessOf, metaError, parseMetaError, isOfflineCode, type FreshnessInput } from './freshness'
export { pageList, PAGE_LIMITS, type ListPass, type PageReport, type FetchPage } from './page-list'
export { FULL_SYNC, TARGET_LABEL, type SyncTarget } from './targets'
export { recordAccount } from './sync-target'
