/**
 * What the credits page and the tray read: history, spend breakdowns and the
 * burn-rate figures, assembled from the cache (snapshots the monitor stored,
 * `creditLogs` rows the sync stored, package names). Reads only; no network.
 */
import type { CreditLog } from '../../shared/domain'
import type { CreditHistory } from '../../shared/views'
import type { CacheDb } from '../ports'
import { balanceSeries, type BalanceLogRow } from './balance-series'
import {
  burnRate,
  chartPoints,
  DAY_MS,
  spendByDay,
  spendByPackage,
  spendEvents,
  type Burn,
  type Snapshot,
} from './forecast'

/** Burn rate and forecast always look at the last two weeks, wherever they are shown. */
export const BURN_WINDOW_DAYS = 14
/** The sparkline looks at the last week of balance changes. */
const SPARKLINE_DAYS = 7
const LOG_PAGE = 1000
/** A panel with more credit-log rows than this inside a window is read only this far. */
const MAX_LOG_ROWS = 50_000

type LogRow = Pick<CreditLog, 'date' | 'cost' | 'packageId' | 'type' | 'action'>

/** The panel's credit-log rows dated at or after `sinceMs`, newest first, read page by page. */
export function creditLogsSince(cache: CacheDb, profileId: string, sinceMs: number, nowMs: number): LogRow[] {
  return walkCreditLogs(cache, profileId, sinceMs, nowMs).rows.map((row) => ({
    date: row.date,
    cost: row.cost,
    packageId: row.packageId,
    type: row.type,
    action: row.action,
  }))
}

/**
 * The credit-log rows dated at or after `sinceMs`, newest first, and the newest row
 * before that (the balance a window starts at), read page by page.
 */
function walkCreditLogs(cache: CacheDb, profileId: string, sinceMs: number, nowMs: number, keep: (row: CreditLog) => boolean = () => true): { rows: CreditLog[]; before: CreditLog | null } {
  const out: CreditLog[] = []
  let before: CreditLog | null = null
  for (let offset = 0; offset < MAX_LOG_ROWS; offset += LOG_PAGE) {
    const page = cache.query(
      {
        profileIds: [profileId],
        resource: 'creditLogs',
        sort: { column: 'date', dir: 'desc' },
        offset,
        limit: LOG_PAGE,
      },
      Math.floor(nowMs / 1000),
    )
    for (const row of page.rows as unknown as CreditLog[]) {
      if (row.date === null || !keep(row)) continue
      if (row.date * 1000 < sinceMs) {
        before = row
        break
      }
      out.push(row)
    }
    if (before || page.rows.length < LOG_PAGE) break
  }
  return { rows: out, before }
}

/**
 * Whose rows are the account's own: the credit log lists the whole tree's (panel-api §5),
 * and a sub-reseller's row carries ITS balance after. By the account's username; a row
 * without an owner name is the caller's (panels that leave the name out log only the caller).
 * Without a known account (never synced), every row counts.
 */
function ownRows(cache: CacheDb, profileId: string): (row: CreditLog) => boolean {
  const me = cache.getAccount(profileId)?.info.username?.toLowerCase()
  if (!me) return () => true
  return (row) => row.ownerName === '' || row.ownerName.toLowerCase() === me
}

const asBalanceRow = (row: CreditLog): BalanceLogRow => ({ date: row.date, cost: row.cost, creditsAfter: row.creditsAfter })

function logsSyncedAt(cache: CacheDb, profileId: string): number | null {
  return cache.getSyncMeta(profileId, 'creditLogs').syncedAt
}

/** burnPerDay / forecastDays over the last BURN_WINDOW_DAYS. */
export function panelBurn(cache: CacheDb, profileId: string, credits: number | null, now: number): Burn {
  const since = now - BURN_WINDOW_DAYS * DAY_MS
  return burnRate({
    snapshots: cache.creditSnapshots(profileId, since),
    logs: creditLogsSince(cache, profileId, since, now),
    logsSyncedAt: logsSyncedAt(cache, profileId),
    since,
    now,
    credits,
  })
}

export function recentSnapshots(cache: CacheDb, profileId: string, now: number): Snapshot[] {
  return cache.creditSnapshots(profileId, now - SPARKLINE_DAYS * DAY_MS)
}

export function panelHistory(
  cache: CacheDb,
  profileId: string,
  days: number,
  credits: number | null,
  now: number,
  dayKey?: (ms: number) => string,
): CreditHistory {
  const since = now - days * DAY_MS
  const snapshots = cache.creditSnapshots(profileId, since)
  const logs = creditLogsSince(cache, profileId, since, now)
  const events = spendEvents({ snapshots, logs, logsSyncedAt: logsSyncedAt(cache, profileId), since, now })
  const names = new Map(cache.getPackages(profileId).map((p) => [p.id, p.name]))
  const burn = panelBurn(cache, profileId, credits, now)
  const own = walkCreditLogs(cache, profileId, since, now, ownRows(cache, profileId))
  const series = balanceSeries({
    logs: own.rows.map(asBalanceRow),
    before: own.before ? asBalanceRow(own.before) : null,
    snapshots,
    since,
    now,
    current: credits,
  })
  return {
    from: since,
    to: now,
    points: chartPoints(series),
    spendByDay: spendByDay(events, since, now, dayKey),
    spendByPackage: spendByPackage(events, (id) => names.get(id)),
    burnPerDay: burn.burnPerDay,
    forecastDays: burn.forecastDays,
  }
}
