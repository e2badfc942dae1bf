/**
 * Keyset paging: the next page starts right after the last row of the page
 * before, found by seeking the sort index to that row's key, instead of
 * walking and dropping every row above it (OFFSET). At 1M lines a page
 * 5,000 rows down cost as much as the rows skipped.
 *
 * The renderer pages by number; the cache remembers where each page it served
 * ended (PageCursors), and a query for the row right after one of those ends
 * seeks from it. Any write forgets every cursor (the rows may have moved), so
 * a seek always gives exactly what OFFSET would; a query with no cursor uses
 * OFFSET as before.
 */
import type { CacheQuery } from '../../shared/views'

export type KeyValue = string | number | null

/** Where a page ended: the last row's sort value, id and panel key. */
export interface PageKey {
  value: KeyValue
  id: number
  panelKey: string
}

/**
 * The predicate "after `key`" for the order `column dir, id dir, panel_key dir` (query-sql.ts),
 * or null when a seek cannot be written for it (then OFFSET is used). NULLs sort first going
 * up and last going down (SQLite's order), so a non-null key skips every NULL going up and
 * keeps them all going down. An expiry (null = never, sorted as the latest) and a NULL key
 * are left to OFFSET: rare, and not worth a second family of predicates.
 */
export function keysetClause(column: string, dir: 'asc' | 'desc', forever: boolean, key: PageKey): { sql: string; params: Record<string, KeyValue> } | null {
  const params = { kv: key.value, kid: key.id, kpk: key.panelKey }
  const op = dir === 'asc' ? '>' : '<'
  const tie = `(t.id, t.panel_key) ${op} (@kid, @kpk)`
  if (column === 'id') return { sql: tie, params }
  if (forever || key.value === null) return null
  const range = `t.${column} ${dir === 'asc' ? '>=' : '<='} @kv AND (t.${column} ${op} @kv OR ${tie})`
  return { sql: dir === 'asc' ? range : `((${range}) OR t.${column} IS NULL)`, params }
}

/** Remembered page ends, per query shape; cleared on every write. */
export class PageCursors {
  readonly #ends = new Map<string, { key: PageKey; at: number }>()

  /**
   * The key of the row just before `q.offset`, when a page served earlier ended there. A page
   * served at another second is used only if `changed(then, now)` says no row's status moved
   * in between (an expiry passing makes a row leave "active" and join "expired").
   */
  before(q: CacheQuery, nowSec: number, changed: (fromSec: number, toSec: number) => boolean): PageKey | undefined {
    if (q.offset === 0) return undefined
    const end = this.#ends.get(`${shapeOf(q)}@${q.offset}`)
    if (!end) return undefined
    if (end.at !== nowSec && usesTime(q) && changed(end.at, nowSec)) return undefined
    return end.key
  }

  /** A page of `q` with `count` rows, served at `nowSec`, ended at `last`. */
  ended(q: CacheQuery, nowSec: number, count: number, last: PageKey): void {
    // Bounded: a few hundred shapes × pages is plenty for one person paging.
    if (this.#ends.size > 1000) this.#ends.clear()
    this.#ends.set(`${shapeOf(q)}@${q.offset + count}`, { key: last, at: nowSec })
  }

  clear(): void {
    this.#ends.clear()
  }
}

/** The chips whose rows depend on the clock (query-sql.ts). */
const usesTime = (q: CacheQuery): boolean => (q.status ?? []).some((c) => c === 'active' || c === 'expired' || c === 'expiring')

function shapeOf(q: CacheQuery): string {
  const { offset: _o, limit: _l, ...shape } = q
  return JSON.stringify(shape)
}
