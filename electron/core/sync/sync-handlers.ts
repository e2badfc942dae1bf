/** `sync:run`, `sync:cancel`, `sync:status` over the engine. Progress arrives as `sync:progress` events. */
import type { ContractHandlers } from '../../shared/contract'
import type { SyncEngine } from './sync-engine'

export function syncHandlers(sync: SyncEngine): Pick<ContractHandlers, 'sync:run' | 'sync:cancel' | 'sync:status'> {
  return {
    'sync:run': async ({ profileIds, resources }) => ({ started: sync.run({ profileIds, targets: resources }).started }),
    'sync:cancel': async ({ profileId }) => {
      sync.cancel(profileId)
      return { done: true as const }
    },
    'sync:status': async () => sync.status(),
  }
}
