/**
 * The balance history the Credits view draws, for the whole range asked for.
 *
 * The panel's credit log carries `credits_after` on every row (panel-api §5,
 * §7): the balance right after that charge. Those rows reach back as far as
 * the panel keeps them, so a 90-day range shows 90 days even when the app was
 * installed yesterday; the monitor's balance snapshots add what the log does
 * not see (a top-up by the panel's admin, the time since the last sync).
 * Pure: the readers are in credit-views.ts.
 */
import type { Snapshot } from './forecast'

/** A credit-log row as far as the balance goes (`date` unix seconds). */
export interface BalanceLogRow {
  date: number | null
  cost: number
  creditsAfter: number | null
}

export interface BalanceInput {
  /** The account's OWN log rows in the window, any order: a sub-reseller's rows carry its balance, not ours. */
  logs: BalanceLogRow[]
  /** The account's newest own row before the window: the balance the window starts at. */
  before: BalanceLogRow | null
  snapshots: Snapshot[] // any order
  since: number // ms
  now: number // ms
  /** The balance known now (null: not known). */
  current: number | null
}

/**
 * Points from `since` to `now`, oldest first, to be drawn as a step line (the
 * balance holds until the next point). The first point sits at `since` with
 * the balance the window started at — the last balance before it when the log
 * reaches back that far, else what the first charge started from — and the
 * last at `now` with today's balance, so the line spans the whole range.
 * Empty when nothing at all is known.
 */
export function balanceSeries(input: BalanceInput): Snapshot[] {
  const { since, now } = input
  const seen: (Snapshot & { cost: number | null })[] = []
  for (const row of input.logs) {
    if (row.date === null || row.creditsAfter === null) continue
    const t = row.date * 1000
    if (t >= since && t <= now) seen.push({ t, credits: row.creditsAfter, cost: row.cost })
  }
  for (const s of input.snapshots) if (s.t >= since && s.t <= now) seen.push({ t: s.t, credits: s.credits, cost: null })
  seen.sort((a, b) => a.t - b.t)

  const start = startBalance(input, seen[0])
  const end = input.current ?? seen[seen.length - 1]?.credits ?? start
  if (start === null || end === null) return []
  const out: Snapshot[] = [{ t: since, credits: start }, ...seen.map(({ t, credits }) => ({ t, credits }))]
  if (out[out.length - 1]!.t < now) out.push({ t: now, credits: end })
  return out
}

function startBalance(input: BalanceInput, first: (Snapshot & { cost: number | null }) | undefined): number | null {
  const before = input.before?.creditsAfter
  if (before !== null && before !== undefined) return before
  if (!first) return input.current
  // The first thing seen is a charge: the balance before it was its balance after, plus its cost.
  return first.cost === null ? first.credits : first.credits + first.cost
}
