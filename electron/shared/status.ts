/**
 * Row status derived from flags and expiry. Pure and tiny, shared so the cache's
 * filters and the renderer's badges can never disagree.
 */
import type { ItemStatus } from './domain'

export interface StatusFlags {
  enabled: boolean
  adminEnabled: boolean
  expDate: number | null
}

/** Banned (admin) wins over disabled (reseller) wins over expired. */
export function itemStatus(row: StatusFlags, nowSec: number): ItemStatus {
  if (!row.adminEnabled) return 'banned'
  if (!row.enabled) return 'disabled'
  if (row.expDate !== null && row.expDate <= nowSec) return 'expired'
  return 'active'
}
