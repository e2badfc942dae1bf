/** The badge a row shows, through the same rule the cache filters with (electron/shared/status.ts). */
import type { ItemStatus } from '../../electron/shared/domain'
import { itemStatus } from '../../electron/shared/status'
import type { StatusMode } from './resources'

export function rowStatus(row: Record<string, unknown>, mode: StatusMode, nowSec: number): ItemStatus | null {
  if (mode === 'none') return null
  if (mode === 'enabled') return row.enabled ? 'active' : 'disabled'
  return itemStatus(
    {
      enabled: row.enabled === true,
      adminEnabled: row.adminEnabled !== false,
      expDate: typeof row.expDate === 'number' ? row.expDate : null,
    },
    nowSec,
  )
}
