/**
 * Burn figures and sparkline per panel, kept between summaries: every
 * `credits:changed` carries all panels, and re-reading two weeks of snapshots
 * and credit-log rows for each of them on every poll would be waste. An entry
 * is recomputed when its panel got a new snapshot, or after BURN_MEMO_MS (the
 * sync may have brought new credit-log rows meanwhile).
 */
import type { CacheDb } from '../ports'
import { panelBurn, recentSnapshots } from './credit-views'
import { sparkline, type Burn } from './forecast'
import { MINUTE_MS } from './schedule'

const BURN_MEMO_MS = 10 * MINUTE_MS

export interface BurnEntry {
  at: number
  updatedAt: number | null
  burn: Burn
  spark: number[]
}

export class BurnMemo {
  private readonly entries = new Map<string, BurnEntry>()

  constructor(private readonly cache: CacheDb) {}

  /** `known`: the panel's balance and when it was read; `fresh`: ignore the memo. */
  get(profileId: string, known: { credits: number | null; at: number | null }, now: number, fresh = false): BurnEntry {
    const memo = this.entries.get(profileId)
    if (!fresh && memo && memo.updatedAt === known.at && now - memo.at < BURN_MEMO_MS) return memo
    let entry: BurnEntry
    try {
      entry = {
        at: now,
        updatedAt: known.at,
        burn: panelBurn(this.cache, profileId, known.credits, now),
        spark: sparkline(recentSnapshots(this.cache, profileId, now)),
      }
    } catch {
      // An unreadable cache costs the figures, not the summary.
      entry = { at: now, updatedAt: known.at, burn: { burnPerDay: null, forecastDays: null }, spark: [] }
    }
    this.entries.set(profileId, entry)
    return entry
  }

  delete(profileId: string): void {
    this.entries.delete(profileId)
  }
}
