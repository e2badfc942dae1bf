/**
 * What a re-sync writes when the panel's list has not changed (the everyday sync of a big
 * panel): each row is kept under its live rid, so the pass stages that rid alone and the switch
 * writes none of the panel's rows, so there is nothing to recount (tally.ts). Both cost a
 * 100k-line re-sync ~0.2 s each before (test/bench/cache-query.ts `100k_unchanged`). The
 * totals must stay exact through it, and through re-syncs that do change rows.
 */
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import { rawLine, syntheticLines } from './fixtures'
import { line, NOW } from '../../helpers/rows'
import { tempCache } from './temp-cache'
import { expectTotals } from './totals'

afterEach(() => vi.restoreAllMocks())

/** Each statement run from now on: its SQL and how many values it was given. */
function recordRuns(): { sql: string; values: number }[] {
  const runs: { sql: string; values: number }[] = []
  const prepare = Database.prototype.prepare
  vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
    const statement = prepare.call(this, sql)
    const run = statement.run.bind(statement) as (...values: unknown[]) => Database.RunResult
    statement.run = (...values: unknown[]) => {
      runs.push({ sql, values: values.length })
      return run(...values)
    }
    return statement
  })
  return runs
}

const TALLY_RECOUNT = /INSERT INTO lines_tally[\s\S]*GROUP BY/
const STAGED_ROW = /^INSERT INTO temp\.xm_stage_\d+/

describe('a re-sync of an unchanged list', () => {
  it('stages each kept row by its rid alone and recounts nothing; the totals stay exact', () => {
    const cache = tempCache()
    const lines = syntheticLines(400, 5, 1)
    cache.replaceAll('p1', 'lines', lines, null, 1)
    const runs = recordRuns()
    const set = cache.beginReplace('p1', 'lines')
    for (let i = 0; i < lines.length; i += 100) set.add(lines.slice(i, i + 100))
    // A write while the pass is open: the triggers count it (the pass keeps the live row).
    const edited = { ...(lines[7] as Line), enabled: !(lines[7] as Line).enabled, expDate: NOW - 5 }
    cache.upsert('p1', 'lines', edited)
    set.commit(2)
    vi.restoreAllMocks()

    const staged = runs.filter((r) => STAGED_ROW.test(r.sql))
    expect(staged).toHaveLength(lines.length)
    expect(staged.every((r) => r.values === 1)).toBe(true)
    expect(runs.filter((r) => TALLY_RECOUNT.test(r.sql))).toEqual([])
    expect(cache.getRow('p1', 'lines', edited.id)).toMatchObject({ enabled: edited.enabled, expDate: NOW - 5 })
    expectTotals(cache, ['p1'], [NOW])
  })

  it('replaceAll of the same rows recounts nothing either', () => {
    const cache = tempCache()
    const lines = syntheticLines(300, 6, 1)
    cache.replaceAll('p1', 'lines', lines, null, 1)
    const runs = recordRuns()
    cache.replaceAll('p1', 'lines', lines, null, 2)
    vi.restoreAllMocks()
    expect(runs.filter((r) => TALLY_RECOUNT.test(r.sql))).toEqual([])
    expectTotals(cache, ['p1'], [NOW])
  })

  it('a re-sync that only drops rows, only changes one or only adds one still recounts: totals stay exact', () => {
    const cache = tempCache()
    const lines = syntheticLines(300, 7, 1)
    cache.replaceAll('p1', 'lines', lines, null, 1)
    // Rows gone from the panel, nothing new or changed.
    const fewer = lines.filter((l) => l.expDate === null || l.expDate > NOW)
    expect(fewer.length).toBeLessThan(lines.length)
    const runs = recordRuns()
    cache.replaceAll('p1', 'lines', fewer, null, 2)
    expect(runs.filter((r) => TALLY_RECOUNT.test(r.sql))).toHaveLength(1)
    vi.restoreAllMocks()
    expect(cache.count('p1', 'lines')).toBe(fewer.length)
    expectTotals(cache, ['p1'], [NOW])
    // One row changed in every chip column, the rest kept.
    const one = fewer.map((l, i) => (i === 3 ? { ...l, enabled: !l.enabled, adminEnabled: !l.adminEnabled, isTrial: !l.isTrial, expDate: NOW - 10 } : l))
    const set = cache.beginReplace('p1', 'lines')
    set.add(one)
    set.commit(3)
    expectTotals(cache, ['p1'], [NOW])
    // One row new on the panel, none gone or changed.
    const more = [...one, { ...(lines[0] as Line), id: 9_999, username: 'new.on.panel', expDate: NOW + 86_400, enabled: true, adminEnabled: true }]
    cache.replaceAll('p1', 'lines', more, null, 4)
    expect(cache.count('p1', 'lines')).toBe(more.length)
    expectTotals(cache, ['p1'], [NOW])
  })

  it('a row that differs only in what the columns do not hold (its data, its raw copy) is not kept', () => {
    const cache = tempCache()
    const rows = [line(1), line(2), line(3)]
    cache.replaceAll('p1', 'lines', rows, rows.map(rawLine), 1)
    // Line 2: bouquets live in the row's data record, not in a column; line 3: the panel's raw row alone changed.
    const next = [line(1), line(2, { bouquets: [9] }), line(3)]
    const raw = [rawLine(line(1)), rawLine(next[1] as Line), { ...rawLine(line(3)), panel_only_field: 'new' }]
    const set = cache.beginReplace('p1', 'lines')
    set.add(next, raw)
    set.commit(2)
    expect(cache.getRow('p1', 'lines', 2)?.bouquets).toEqual([9])
    expect(cache.getRaw('p1', 'lines', 3)).toMatchObject({ panel_only_field: 'new' })
    expect(cache.getRaw('p1', 'lines', 1)).toEqual(rawLine(line(1)))
  })
})
