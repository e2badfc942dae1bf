/**
 * What the sync engine can bring into the cache: every list resource, plus the
 * panel's packages and the reseller's own account (`user_info`).
 */
import type { Resource } from '../../shared/domain'

export type SyncTarget = Resource | 'packages' | 'account'

/**
 * A full sync ("Sync all", a rebuilt cache, sync:run without resources).
 * Activity logs and live connections are left out: they are large, change by
 * the second and are fetched when their view asks (stale-while-revalidate).
 * Credit logs are in: the credit monitor's burn rate and forecast read them.
 * The account first: it is one small call that tells at once whether the key works.
 */
export const FULL_SYNC: readonly SyncTarget[] = [
  'account',
  'packages',
  'lines',
  'mags',
  'enigmas',
  'activecodes',
  'subResellers',
  'creditLogs',
]

export const isListTarget = (t: SyncTarget): t is Resource => t !== 'packages' && t !== 'account'

/** Words for messages: "The panel sent no lines…". */
export const TARGET_LABEL: Record<SyncTarget, string> = {
  lines: 'lines',
  mags: 'MAG devices',
  enigmas: 'Enigma2 devices',
  activecodes: 'activation codes',
  subResellers: 'sub-resellers',
  activityLogs: 'activity log entries',
  liveConnections: 'live connections',
  creditLogs: 'credit log entries',
  packages: 'packages',
  account: 'account details',
}
