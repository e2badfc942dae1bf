/**
 * Burn rate, run-out forecast and spend breakdowns — pure functions over the
 * monitor's balance snapshots and the panel's credit log (`user_logs`, panel-api §5).
 *
 * Two sources, one rule: the credit log is the authority for what it covers
 * (every charge, even ones hidden by a top-up between two polls), and balance
 * snapshots fill in the time after the log was last synced. Only DEcreases of
 * the balance count as spend; a top-up is not negative spend.
 */
import type { CreditLog } from '../../shared/domain'

export const DAY_MS = 86_400_000
/** A burn rate is never extrapolated from less than a day of observation. */
const MIN_SPAN_MS = DAY_MS

export interface Snapshot {
  t: number // ms
  credits: number
}

/** One charge: when (ms), how much, and the package it bought when the log says. */
export interface SpendEvent {
  t: number
  cost: number
  packageId: number | null
  /** Where it came from: the panel's log row, or a drop between two balance snapshots. */
  source: 'log' | 'snapshot'
  /** For log rows: `type:action` (e.g. `user:adjust_credits`). */
  kind: string | null
}

export interface SpendInput {
  snapshots: Snapshot[] // any order
  logs: Pick<CreditLog, 'date' | 'cost' | 'packageId' | 'type' | 'action'>[]
  /** When the credit log was last synced (ms); null = never, snapshots only. */
  logsSyncedAt: number | null
  since: number // ms, window start
  now: number // ms
}

/**
 * The spend events in [since, now]. Log rows up to `logsSyncedAt`; snapshot
 * drops only for pairs that both lie after it (a pair straddling the sync time
 * may already be in the log, and counting it twice would overstate the burn).
 */
export function spendEvents(input: SpendInput): SpendEvent[] {
  const { since, now } = input
  const cutoff = input.logsSyncedAt ?? Number.NEGATIVE_INFINITY
  const out: SpendEvent[] = []
  if (input.logsSyncedAt !== null) {
    for (const row of input.logs) {
      if (row.date === null || !(row.cost > 0)) continue // refunds / pull-backs are not spend
      const t = row.date * 1000
      if (t < since || t > now) continue
      // Package 0 (or none) marks an action that is not a package sale (docs/panel-api.md §5).
      const packageId = row.packageId !== null && row.packageId > 0 ? row.packageId : null
      out.push({ t, cost: row.cost, packageId, source: 'log', kind: `${row.type}:${row.action}` })
    }
  }
  const snaps = sortedSnapshots(input.snapshots)
  for (let i = 1; i < snaps.length; i++) {
    const a = snaps[i - 1]!
    const b = snaps[i]!
    if (a.t < cutoff || b.t < since || b.t > now) continue
    const drop = a.credits - b.credits
    if (drop > 0) out.push({ t: b.t, cost: drop, packageId: null, source: 'snapshot', kind: null })
  }
  return out.sort((x, y) => x.t - y.t)
}

export interface Burn {
  burnPerDay: number | null
  forecastDays: number | null
}

/**
 * Average credits spent per day over the window, and how many days the
 * current balance lasts at that rate. The rate is spend ÷ the time we actually
 * observed (from the first snapshot or log row in the window, at least a day),
 * so a panel added yesterday is not averaged over 14 days. Null when nothing
 * was spent or nothing is known.
 */
export function burnRate(input: SpendInput & { credits: number | null }): Burn {
  const events = spendEvents(input)
  const spent = events.reduce((s, e) => s + e.cost, 0)
  if (!(spent > 0)) return { burnPerDay: null, forecastDays: null }
  // A synced log covers the whole window; snapshots only cover the time since the first one.
  let firstSeen = input.logsSyncedAt !== null ? input.since : Number.POSITIVE_INFINITY
  for (const s of input.snapshots) firstSeen = Math.min(firstSeen, s.t)
  for (const e of events) firstSeen = Math.min(firstSeen, e.t)
  const span = Math.max(MIN_SPAN_MS, input.now - Math.max(input.since, firstSeen))
  const rate = spent / (span / DAY_MS)
  const burnPerDay = round2(rate)
  const forecastDays = input.credits === null ? null : round2(Math.max(0, input.credits) / rate)
  return { burnPerDay, forecastDays }
}

/** YYYY-MM-DD of a moment in the machine's local time zone. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Spend per local day, every day of the window present (zeros included), oldest first. */
export function spendByDay(
  events: SpendEvent[],
  since: number,
  now: number,
  dayKey = localDay,
): { day: string; cost: number }[] {
  const days = new Map<string, number>()
  // Walk in 6-hour steps so a DST day (23 or 25 hours) is never skipped.
  for (let t = since; t <= now; t += DAY_MS / 4) days.set(dayKey(t), 0)
  days.set(dayKey(now), 0)
  for (const e of events) {
    const k = dayKey(e.t)
    if (days.has(k)) days.set(k, round2((days.get(k) ?? 0) + e.cost))
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, cost]) => ({ day, cost }))
}

const KIND_NAMES: Record<string, string> = {
  'user:adjust_credits': 'Credits given to sub-resellers',
  'user:new': 'New sub-resellers',
}

/**
 * Spend per package, most expensive first. Log rows without a package are
 * named by what they were (a credit transfer, a new sub-reseller); balance
 * drops seen between polls cannot be itemised and are grouped as such.
 */
export interface SpendGroup {
  packageId: number | null
  /** English, for logs and exports; the page words the group itself from `group` and `kind`. */
  name: string
  cost: number
  /** What the group is: a package, balance drops between checks, or a kind of log row. */
  group: 'package' | 'unitemised' | 'kind'
  /** For `kind` groups: the log rows' `type:action` (`user:adjust_credits`); else null. */
  kind: string | null
}

export function spendByPackage(events: SpendEvent[], packageName: (id: number) => string | undefined): SpendGroup[] {
  const groups = new Map<string, SpendGroup>()
  for (const e of events) {
    let key: string
    let name: string
    let group: SpendGroup['group']
    if (e.packageId !== null) {
      key = `p${e.packageId}`
      name = packageName(e.packageId) ?? `Package #${e.packageId}`
      group = 'package'
    } else if (e.source === 'snapshot') {
      key = 'snapshot'
      name = 'Not itemised (balance changes between checks)'
      group = 'unitemised'
    } else {
      key = `k${e.kind ?? ''}`
      name = KIND_NAMES[e.kind ?? ''] ?? 'Other charges'
      group = 'kind'
    }
    const g = groups.get(key) ?? { packageId: e.packageId, name, cost: 0, group, kind: group === 'kind' ? e.kind : null }
    g.cost = round2(g.cost + e.cost)
    groups.set(key, g)
  }
  return [...groups.values()].sort((a, b) => b.cost - a.cost || a.name.localeCompare(b.name))
}

/**
 * Balance points for a chart: runs of an unchanged balance are reduced to their
 * first and last point (polls every few minutes would otherwise give tens of
 * thousands of identical points), then thinned evenly to at most `max`.
 */
export function chartPoints(snapshots: Snapshot[], max = 2000): Snapshot[] {
  const s = sortedSnapshots(snapshots)
  const kept: Snapshot[] = []
  for (let i = 0; i < s.length; i++) {
    const prev = s[i - 1]
    const next = s[i + 1]
    const p = s[i]!
    if (prev && next && prev.credits === p.credits && next.credits === p.credits) continue
    kept.push({ t: p.t, credits: p.credits })
  }
  if (kept.length <= max) return kept
  const step = (kept.length - 1) / (max - 1)
  const out: Snapshot[] = []
  for (let i = 0; i < max; i++) out.push(kept[Math.round(i * step)]!)
  return out
}

/** The last `n` balance changes, oldest first (a flat run counts once). */
export function sparkline(snapshots: Snapshot[], n = 30): number[] {
  const values: number[] = []
  for (const s of sortedSnapshots(snapshots)) {
    if (values[values.length - 1] !== s.credits) values.push(s.credits)
  }
  return values.slice(-n)
}

function sortedSnapshots(s: Snapshot[]): Snapshot[] {
  return [...s].sort((a, b) => a.t - b.t)
}

const pad = (n: number) => String(n).padStart(2, '0')
const round2 = (n: number) => Math.round(n * 100) / 100
