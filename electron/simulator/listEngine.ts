/**
 * The DataTables-style list engine behind every list action (panel-api §5): scope,
 * filter, case-insensitive search, order, page. Rows are kept in id order, so the
 * default order (index 0 = id asc, or no ORDER BY) pages in one pass without
 * sorting or copying: a 1000-row page of 100k lines is a linear scan + 1000 projections.
 */
import type { Params } from './types'
import { intval } from './php'
import { str } from './context'

export type SortKey = number | string | null

export interface ListSpec<T> {
  /** Ownership/type predicate (always applied). */
  scope(row: T): boolean
  /** Filter predicate for the given filter value, or null when this list ignores that value. */
  filter?(value: number): ((row: T) => boolean) | null
  /** Searchable column values for `search[value]`. */
  search(row: T): ReadonlyArray<string | number | null>
  /** order[0][column] index → key; `false` = no ORDER BY (storage order). */
  order: ReadonlyArray<((row: T) => SortKey) | false>
  /** The order index whose ascending order equals storage order (usually 0 = id). */
  storageOrderIndex: number | null
}

export interface ListQuery {
  start: number
  limit: number
  filter: number | null
  search: string
  orderIndex: number
  desc: boolean
}

/** `start` intval (default 0); `limit` intval, 0/garbage → 50, >1000 or <0 → 1000 (index.php + table.php). */
export function parseListQuery(params: Params): ListQuery {
  const start = intval(str(params, 'start') ?? 0)
  let limit = intval(str(params, 'limit') ?? 0) || 50
  if (limit > 1000 || limit <= 0) limit = 1000
  const f = str(params, 'filter')
  return {
    start,
    limit,
    filter: f === undefined || f === '' ? null : intval(f),
    search: str(params, 'search[value]') ?? '',
    orderIndex: intval(str(params, 'order[0][column]') ?? 0),
    desc: str(params, 'order[0][dir]') === 'desc',
  }
}

export interface ListResult<T> {
  rows: T[]
  total: number
}

/** MySQL order: NULL first ascending; strings case-insensitive (keys arrive lower-cased). */
function compare(a: SortKey, b: SortKey): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function runList<T>(rows: readonly T[], spec: ListSpec<T>, q: ListQuery): ListResult<T> {
  const filterFn = q.filter !== null && spec.filter ? spec.filter(q.filter) : null
  const needle = q.search.toLowerCase()
  const match = (row: T): boolean => {
    if (!spec.scope(row)) return false
    if (filterFn && !filterFn(row)) return false
    if (needle === '') return true
    for (const v of spec.search(row)) if (v !== null && String(v).toLowerCase().includes(needle)) return true
    return false
  }
  const key = spec.order[q.orderIndex]
  const storageOrder = key === undefined || key === false || q.orderIndex === spec.storageOrderIndex
  // A negative start is invalid SQL upstream: the count still succeeds, the rows do not (panel-api §5).
  const pageStart = q.start < 0 ? Number.POSITIVE_INFINITY : q.start
  const pageEnd = pageStart + q.limit
  if (storageOrder) {
    const reverse = q.desc && key !== undefined && key !== false
    const page: T[] = []
    let total = 0
    for (let i = 0; i < rows.length; i++) {
      const row = rows[reverse ? rows.length - 1 - i : i] as T
      if (!match(row)) continue
      if (total >= pageStart && total < pageEnd) page.push(row)
      total++
    }
    return { rows: page, total }
  }
  const keyFn = key
  const matched: Entry<T>[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T
    if (!match(row)) continue
    const k = keyFn(row)
    matched.push({ row, k: typeof k === 'string' ? k.toLowerCase() : k, i })
  }
  const dir = q.desc ? -1 : 1
  const cmp = (a: Entry<T>, b: Entry<T>): number => dir * compare(a.k, b.k) || a.i - b.i
  if (q.start < 0) return { rows: [], total: matched.length }
  const k = q.start + q.limit
  // Early pages of a big list: keep only the best k (O(n log k)) instead of sorting everything.
  const ordered = k < matched.length / 4 ? topK(matched, k, cmp) : matched.sort(cmp)
  return { rows: ordered.slice(q.start, k).map((m) => m.row), total: matched.length }
}

interface Entry<T> {
  row: T
  k: SortKey
  i: number
}

function topK<T>(items: readonly Entry<T>[], k: number, cmp: (a: Entry<T>, b: Entry<T>) => number): Entry<T>[] {
  const top: Entry<T>[] = []
  for (const e of items) {
    const worst = top[top.length - 1]
    if (top.length === k && worst !== undefined && cmp(e, worst) >= 0) continue
    let lo = 0
    let hi = top.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cmp(top[mid] as Entry<T>, e) <= 0) lo = mid + 1
      else hi = mid
    }
    top.splice(lo, 0, e)
    if (top.length > k) top.pop()
  }
  return top
}
