/**
 * The oracle a list's totals are held to (tally.ts): each total the lists can ask for equals
 * counting the cached rows with the chips' meaning, in JS.
 */
import { expect } from 'vitest'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import type { Line, StatusFilter } from '../../../electron/shared/domain'
import { NOW } from '../../helpers/rows'

export const DAY = 86_400
const CHIP_SETS: StatusFilter[][] = [[], ['active'], ['expired'], ['expiring'], ['disabled'], ['banned'], ['trial'], ['active', 'trial'], ['expired', 'disabled', 'banned'], ['expiring', 'expired'], ['active', 'disabled', 'banned', 'expired', 'trial', 'expiring']]

/** The chips as the domain means them, in JS: the oracle the tally is held to. */
function matches(l: Partial<Line>, chips: StatusFilter[], now: number, soonDays = 7): boolean {
  if (chips.length === 0) return true
  const exp = l.expDate ?? null
  const on = l.adminEnabled === true && l.enabled === true
  const test: Record<StatusFilter, boolean> = {
    active: on && (exp === null || exp > now),
    disabled: l.enabled === false,
    banned: l.adminEnabled === false,
    expired: exp !== null && exp <= now,
    trial: l.isTrial === true,
    expiring: on && exp !== null && exp > now && exp <= now + soonDays * DAY,
  }
  return chips.some((c) => test[c])
}

/** Every cached line of `panel`, read page by page (rows come from the tables, never from the tally). */
function rowsOf(cache: SqliteCache, panel: string): Partial<Line>[] {
  const out: Partial<Line>[] = []
  for (let offset = 0; ; offset += 500) {
    const page = cache.query({ profileIds: [panel], resource: 'lines', offset, limit: 500 }, NOW).rows as Partial<Line>[]
    out.push(...page)
    if (page.length < 500) break
  }
  expect(out.length).toBe(cache.count(panel, 'lines'))
  return out
}

/** Each total the lists can ask for equals counting the cached rows with the chips' meaning. */
export function expectTotals(cache: SqliteCache, panels: string[], nows: number[]): void {
  const rows = new Map(panels.map((p) => [p, rowsOf(cache, p)]))
  const views: (string[] | 'all')[] = ['all', ...panels.map((p) => [p]), panels.slice(0, 2)]
  for (const now of nows) {
    for (const chips of CHIP_SETS) {
      for (const profileIds of views) {
        const inView = profileIds === 'all' ? panels : profileIds
        let want = 0
        for (const p of inView) for (const l of rows.get(p) ?? []) if (matches(l, chips, now)) want++
        const got = cache.query({ profileIds, resource: 'lines', status: chips, offset: 0, limit: 1 }, now).total
        expect(got, `${JSON.stringify(profileIds)} ${chips.join('+')} at ${now}`).toBe(want)
      }
    }
  }
}
