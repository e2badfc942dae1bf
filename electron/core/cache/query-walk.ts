/**
 * A search in a subscription list, answered by walking the view's order index.
 *
 * Why: at 1M lines a search such as an owner's name matches 250k rows. Going
 * through the full-text matches means reading, counting and sorting all of
 * them to show 50 (~200 ms a keystroke, issue #14). When the words are common,
 * the first rows of the view's order already hold the page: each panel's part
 * of the order index (migration v8) is read a window at a time, every row is
 * tested on its folded search text (search-text.ts), and the walk stops as soon
 * as the page is known. When the words are rare the walk would read a great
 * deal to find a few rows: it gives up early (null) and the full-text index,
 * cheap for few matches, answers instead (query-sql.ts). ARCHITECTURE §5.
 *
 * Several panels: a hit is certain to belong to the page only once every
 * panel still being walked has gone past it (its frontier); windows grow
 * until enough hits are certain.
 */
import type Database from 'better-sqlite3'
import type { KeyValue } from './keyset'

export interface WalkRow {
  rid: number
  kv: KeyValue
  kid: number
  kpk: string
}

export interface WalkOrder {
  column: string
  dir: 'asc' | 'desc'
  /** A null is "never", later than any value (an unlimited expiry). */
  forever: boolean
}

export interface Walk {
  /**
   * One window of one panel's rows in the view's order, chips applied, each with `hit` (the
   * search matches it). Binds @wp (panel key), @wb (window size), @wskip (rows already read).
   */
  windowSql: string
  params: Record<string, string | number | null>
  panelKeys: string[]
  order: WalkOrder
  /** Hits the page needs from the start of the walk (its offset + its size). */
  need: number
}

export interface WalkAnswer {
  /** The first `need` hits in the view's order (fewer when there are no more). */
  rows: WalkRow[]
  /** Every panel was walked to its end: the hits found are all there are. */
  complete: boolean
  /** Hits known to come first in the order: the answer has at least this many. */
  known: number
}

/**
 * Rows the table must hold for a walk to be tried at all. The full-text way looks up every
 * row the index names, of every panel (~1 µs each): in a table of 100k lines that is at worst
 * ~25 ms at p95, less than a walk that gives up costs (test/bench/cache-query.ts); at 1M it is
 * 100–250 ms for a common word, and the walk pays.
 */
export const WALK_FROM_ROWS = 250_000

/** Rows a walk may read before the full-text index is asked instead (~10 ms on this machine). */
export const WALK_BUDGET = 16_384
/**
 * Time a walk may take before the full-text index is asked instead: rows the chips leave out
 * are skipped inside the index and not counted as read, and a narrow chip ("expiring soon")
 * can make a window pass a whole panel. Either way gives the same rows (tests check it).
 */
export const WALK_MS = 25
const FIRST_WINDOW = { min: 64, max: 4096 }
const MAX_WINDOW = 8192

// Stryker disable next-line ArrowFunction: the default clock only decides which way answers (tests pass their own); same rows either way.
export function walkSearch(stmt: (sql: string) => Database.Statement, w: Walk, clock: () => number = () => performance.now()): WalkAnswer | null {
  const started = clock()
  const cmp = compareKeys(w.order)
  const window = stmt(w.windowSql).raw(true)
  const panels = w.panelKeys.map((key) => ({ key, read: 0, done: false, last: null as WalkRow | null, hits: [] as WalkRow[] }))
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the first window's size only decides how many rounds a walk takes, not what it answers.
  let size = Math.min(FIRST_WINDOW.max, Math.max(FIRST_WINDOW.min, Math.ceil((w.need * 8) / Math.max(1, panels.length))))
  let read = 0
  // Stryker disable next-line BooleanLiteral: equivalent, set by the first window read before it is looked at.
  let late = false
  // Stryker disable next-line UpdateOperator: equivalent, only round 0 is told apart.
  for (let round = 0; ; round++) {
    for (const p of panels) {
      // Stryker disable next-line ConditionalExpression: equivalent, a panel read to its end reads no row more.
      if (p.done) continue
      const rows = window.all({ ...w.params, wp: p.key, wb: size, wskip: p.read }) as [number, KeyValue, number, string, number | null][]
      read += rows.length
      p.read += rows.length
      p.done = rows.length < size
      for (const [rid, kv, kid, kpk, hit] of rows) {
        const row = { rid, kv, kid, kpk }
        p.last = row
        if (hit) p.hits.push(row)
      }
      // Out of time: what is certain so far may still do; the windows stop growing.
      // Stryker disable next-line EqualityOperator: equivalent, a walk of exactly WALK_MS either way.
      if ((late = clock() - started > WALK_MS)) break
    }
    const open = panels.filter((p) => !p.done)
    const hits = panels.flatMap((p) => p.hits)
    // The earliest place a panel still being walked has reached: no unseen hit comes before it.
    // A panel not read yet (the time ran out first) could hold a hit anywhere.
    // Stryker disable next-line EqualityOperator: equivalent, of two equal frontiers either one.
    const frontier = open.some((p) => p.last === null) ? null : open.reduce<WalkRow | null>((f, p) => (f === null || cmp(p.last as WalkRow, f) < 0 ? p.last : f), null)
    // Stryker disable next-line EqualityOperator: a hit at the frontier itself is certain either now or one round later; same answer.
    const certain = open.length === 0 ? hits : frontier === null ? [] : hits.filter((h) => cmp(h, frontier) <= 0)
    // Stryker disable next-line EqualityOperator: equivalent, one more round gives the same first `need` hits.
    if (certain.length >= w.need || open.length === 0) {
      certain.sort(cmp)
      return { rows: certain.slice(0, w.need), complete: open.length === 0, known: certain.length }
    }
    // Out of time or budget, or too few hits so far to fill the page within the budget at this rate.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: when to give up decides only which way answers; both give the same rows (query-walk.test.ts).
    if (late || read >= WALK_BUDGET || (round === 0 && hits.length * WALK_BUDGET < w.need * read)) return null
    size = Math.min(MAX_WINDOW, size * 2)
  }
}

/**
 * The view's order in JS, exactly as SQLite orders the walk (query-sql.ts orderBy): value,
 * then id, then panel key, all the same direction. NULL first going up, except "never"
 * (last); numbers before text; text as NOCASE compares it (ASCII case folded, then UTF-8
 * byte order, which is code point order).
 */
export function compareKeys(order: WalkOrder): (a: WalkRow, b: WalkRow) => number {
  const sign = order.dir === 'desc' ? -1 : 1
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, ordered by id the value is the id.
  const byValue = order.column !== 'id'
  return (a, b) => sign * ((byValue ? compareValues(a.kv, b.kv, order.forever) : 0) || a.kid - b.kid || compareBinary(a.kpk, b.kpk))
}

export function compareValues(a: KeyValue, b: KeyValue, forever: boolean): number {
  if (a === null || b === null) {
    if (a === b) return 0
    // Stryker disable next-line ArithmeticOperator: equivalent, ±1 / ±1 is ±1 * ±1.
    return (a === null ? -1 : 1) * (forever ? -1 : 1)
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return compareNocase(a, b)
}

export function compareNocase(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    // Stryker disable next-line ConditionalExpression: equivalent, equal units fold to equal units.
    if (x === y) continue
    if (x >= 65 && x <= 90) x += 32
    if (y >= 65 && y <= 90) y += 32
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

/** UTF-16 units in code point order: a surrogate (a point above U+FFFF) ranks above U+E000–U+FFFF. */
export const codePointRank = (u: number): number => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u)

const compareBinary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
