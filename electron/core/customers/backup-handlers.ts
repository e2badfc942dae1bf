/** `backup:*`: export / import a backup file, the automatic backups in the data folder, restoring one. */
import type { ContractHandlers } from '../../shared/contract'
import type { Backups } from './backups'

type BackupMethods = 'backup:export' | 'backup:list' | 'backup:create' | 'backup:preview' | 'backup:restore' | 'backup:setKeep'

export function backupHandlers(b: Backups, dir: string): Pick<ContractHandlers, BackupMethods> {
  return {
    'backup:export': () => b.exportFile(),
    'backup:list': async () => ({ dir, keep: b.keep, backups: b.list() }),
    'backup:create': () => b.create('manual'),
    'backup:preview': async ({ name, json }) => b.summary(b.read({ name, json }), name ?? null, null),
    'backup:restore': ({ name, json, parts }) => b.restore(b.read({ name, json }), parts),
    'backup:setKeep': async ({ keep }) => {
      b.setKeep(keep)
      return { done: true as const }
    },
  }
}
