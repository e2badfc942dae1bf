/**
 * What an extension will do to an item's expiry, for the preview (single and
 * bulk) — shown before anything is charged. The panel's rule (docs/panel-api.md
 * §7): an official extension adds the package's duration to the current expiry
 * while that is still in the future (and the packages are compatible), and
 * counts from now otherwise. An UNLIMITED item (no expiry) therefore becomes a
 * limited one that expires after the package's duration — the surprise this
 * preview exists to prevent.
 */
import type { Package, Resource } from '../../shared/domain'
import type { CoreContext } from '../ports'

export interface ExpiryChange {
  /** Expiry now, unix seconds; null = unlimited. */
  expDate: number | null
  /** Expiry after the extension (best estimate: an incompatible package restarts from now, §7). */
  newExpDate: number
}

/** `unixSec` + n hours/days/months/years; months and years by the calendar (UTC), like PHP's strtotime. */
export function addDuration(unixSec: number, amount: number, unit: Package['officialDurationIn']): number {
  if (unit === 'hours') return unixSec + amount * 3600
  if (unit === 'days') return unixSec + amount * 86400
  const d = new Date(unixSec * 1000)
  const months = unit === 'months' ? amount : amount * 12
  const ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds())
  return Math.floor(ms / 1000)
}

export function extendedExpiry(pkg: Package, expDate: number | null, nowSec: number): ExpiryChange {
  const n = Number.isFinite(pkg.officialDuration) ? pkg.officialDuration : 0
  // Duration 0 gives exp_date = now: expired at once (§7).
  if (n <= 0) return { expDate, newExpDate: nowSec }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: two are equivalent, null > now is false and an expiry equal to now gives now either way; the rest are killed in expiry.test.ts.
  const base = expDate !== null && expDate > nowSec ? expDate : nowSec
  return { expDate, newExpDate: addDuration(base, n, pkg.officialDurationIn) }
}

/** The item's cached expiry: a number, null for unlimited, undefined when the row does not say. */
export function cachedExpiry(row: Record<string, unknown> | null): number | null | undefined {
  if (!row || !('expDate' in row)) return undefined
  const v = row.expDate
  return typeof v === 'number' ? v : v === null ? null : undefined
}

/** spend:quote's expiry for an extension of one item (the preview must show unlimited → limited), from the cached row. */
export function quoteExpiry(
  ctx: CoreContext,
  q: { profileId: string; resource: string; packageId?: number | undefined; id?: number | undefined },
  packages: readonly Package[],
): ExpiryChange | null {
  if (q.resource === 'subResellers' || q.id === undefined) return null
  const pkg = packages.find((p) => p.id === q.packageId)
  const exp = cachedExpiry(ctx.cache.getRow(q.profileId, q.resource as Resource, q.id) as Record<string, unknown> | null)
  return pkg && exp !== undefined ? extendedExpiry(pkg, exp, Math.floor(ctx.now() / 1000)) : null
}
