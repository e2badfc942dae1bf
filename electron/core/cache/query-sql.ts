/**
 * CacheQuery → SQL. Column names only ever come from the resource specs (a
 * whitelist); everything the user typed is a bound parameter.
 */
import { EXPIRING_SOON_DAYS, type StatusFilter } from '../../shared/domain'
import type { CacheQuery } from '../../shared/views'
import { AppError } from '../errors'
import { sortColumn, type ResourceSpec } from './resources'
import { LIKE_ESCAPE, planSearch, searchNeedles } from './search-text'
import type { Walk } from './query-walk'
import { hasOrderIndex } from './migrations'
import { hasSearchText } from './fts'
import { boundarySpans, isTallied } from './tally'
import { keysetClause, type PageKey } from './keyset'
import { chipTable, EXP_LATER, EXP_NONE, EXP_PAST, EXP_SOON } from './search-index-chips'

/** The lists' chip and the radar count the same subscriptions (shared/domain.ts). */
export const DEFAULT_EXPIRING_DAYS = EXPIRING_SOON_DAYS
const DAY = 86_400

export interface QuerySql {
  /** The page: `rid`, the sort key (`kv`, `kid`, `kpk`: keyset.ts) and, when totalInPage, `total` (every match). */
  pageSql: string
  totalInPage: boolean
  /** The page starts after a given row (keyset.ts) instead of at an offset. */
  seeks: boolean
  /** The number of matches, when the page does not carry it (or is empty). */
  countSql: string
  params: Record<string, string | number>
  countParams: Record<string, string | number>
}

/** The expiry dates "expiring" means (its chip below, and the range said apart: expirySegments). */
const EXPIRING_WINDOW = 't.exp_date > @now AND t.exp_date <= @soon'
/** Chip → predicate for subscriptions (lines, mags, enigmas, activecodes); chips are ORed. */
const ACTIVE = '(t.admin_enabled = 1 AND t.enabled = 1 AND (t.exp_date IS NULL OR t.exp_date > @now))'
const SUBSCRIPTION_CHIPS: Record<StatusFilter, string> = {
  active: ACTIVE,
  disabled: 't.enabled = 0',
  banned: 't.admin_enabled = 0',
  expired: '(t.exp_date IS NOT NULL AND t.exp_date <= @now)',
  trial: 't.is_trial = 1',
  expiring: `(t.admin_enabled = 1 AND t.enabled = 1 AND ${EXPIRING_WINDOW})`,
}
/** Sub-resellers only have `enabled`; a chip with no meaning for them matches nothing. */
const ENABLED_CHIPS: Partial<Record<StatusFilter, string>> = {
  active: 't.enabled = 1',
  disabled: 't.enabled = 0',
}

/**
 * `panelKeys`: the keys of the query's panels (panel-keys.ts; a panel never cached has none), or
 * 'all' (then no panel filter at all). `after`: where the page before ended (keyset.ts).
 */
/**
 * `also`: rows (panel key + natural key) the search matches besides its text: subscriptions of the
 * customers the text names (the customer book finds them, customers.ts ownedBy).
 */
export function buildQuerySql(spec: ResourceSpec, q: CacheQuery, nowSec: number, panelKeys: string[] | 'all', after?: PageKey, also: { panelKey: string; key: string }[] = []): QuerySql {
  const params: Record<string, string | number> = {}
  const order = orderOf(spec, q.sort)
  const names = panelKeys === 'all' ? null : panelKeys.map((key, i) => ((params[`p${i}`] = key), `@p${i}`))

  const chipSql = chipClause(spec, q, nowSec, params)
  const search = withOwned(spec, narrowedSearch(spec, q.search, params), also, params)
  const seek = after ? keysetClause(order.column, order.dir, order.forever, after) : null
  const pageParams = { ...params, ...seek?.params, limit: q.limit, offset: seek ? 0 : q.offset }
  const panelIn = names ? `t.panel_key IN (${names.join(', ')})` : null
  const filters = [panelIn, chipSql].filter((w): w is string => w !== null)

  if (!search && names && isTallied(spec.table)) {
    // Each panel's rows walk that panel's part of the order's index (migration v7) and stop at
    // the page; the panels' walks are merged and the page cut from them. The total comes from
    // the maintained counts (tally.ts).
    const count = tallyCount(spec.table, filters, params)
    return {
      pageSql: mergedPageSql(spec.table, order, names, [chipSql, seek?.sql ?? null].filter((w): w is string => w !== null), expirySegments(spec, q, order, nowSec, params)),
      totalInPage: false,
      seeks: seek !== null,
      countSql: count.sql,
      params: { ...pageParams, n: seek ? q.limit : q.offset + q.limit },
      countParams: count.params,
    }
  }

  // Unary + keeps the planner off the (panel_key, …) indexes: with a search, walking the
  // full-text matches and skipping other panels' rows beats fetching the panels' rows one by one.
  const where = [panelIn ? `+${panelIn}` : null, chipSql, search?.sql ?? null].filter((w): w is string => w !== null)
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const pageWhere = seek ? `WHERE ${[...where, seek.sql].join(' AND ')}` : whereSql
  // With a search the matches are few or already gathered from the FTS index: counting them in
  // the same pass (a window) is cheapest. Without one, a separate count lets the page use a
  // top-N sort instead of sorting every row (measured on 100k lines, test/bench/cache-query.ts).
  const totalInPage = search !== null && !seek
  return {
    pageSql: `SELECT t.rid AS rid, t.${order.column} AS kv, t.id AS kid, t.panel_key AS kpk${totalInPage ? ', count(*) OVER () AS total' : ''}
      FROM ${spec.table} t ${pageWhere} ORDER BY ${orderBy(order)} LIMIT @limit OFFSET @offset`,
    totalInPage,
    seeks: seek !== null,
    countSql: `SELECT count(*) AS n FROM ${spec.table} t ${whereSql}`,
    params: pageParams,
    countParams: params,
  }
}

/**
 * The parts of the expiry index a page can come from: the dated lines in the date range the
 * chips can match, and the unlimited ones (NULL) if they can match. Each part is its own walk
 * of a panel's index (mergedPageSql), so the walk seeks to where its rows are instead of
 * reading past the rows no chip takes: sorted by expiry with "active" or "expiring" on, every
 * panel's expired lines came first (~40 ms at 1M lines on 10 panels; ~1–2 ms walking only
 * the parts, a scratch run). The chips' own clause still decides each row, so a part only has to
 * hold every row they can match; which expiry places each chip can take is read from the
 * in-memory index's chip table (search-index-chips.ts), the one other copy of the chips' meaning.
 *
 * In the expiry order only, where a part is a range of the index. In other orders only
 * "expiring" alone is bounded, as one range beside its clause: SQLite then reads the few lines
 * of the window through the expiry index and sorts them, measured no slower. `null`: no bound
 * (every place possible, or no chip). Binds @now/@soon in `params` when a part uses them.
 */
export function expirySegments(spec: ResourceSpec, q: CacheQuery, order: Order, nowSec: number, params: Record<string, string | number>): string[] | null {
  const chips = [...new Set(q.status ?? [])]
  if (spec.status !== 'subscription' || chips.length === 0) return null
  if (order.column !== 'exp_date') {
    if (chips.length !== 1 || chips[0] !== 'expiring') return null
    return [`(t.exp_date IS NULL) = 0 AND ${EXPIRING_WINDOW}`]
  }
  const table = chipTable(chips) as Uint8Array
  const can = (place: number) => table.some((pass, i) => pass === 1 && i % 4 === place)
  if ([EXP_NONE, EXP_PAST, EXP_SOON, EXP_LATER].every(can)) return null
  // Dated places in the index's order, each with the bound below it and the bound above it;
  // each run of places the chips can take is one part.
  const dated = [
    { place: EXP_PAST, from: null, to: 't.exp_date <= @now' },
    { place: EXP_SOON, from: 't.exp_date > @now', to: 't.exp_date <= @soon' },
    { place: EXP_LATER, from: 't.exp_date > @soon', to: null },
  ]
  const parts: string[] = []
  let run: { from: string | null; to: string | null } | null = null
  for (const d of [...dated, null]) {
    if (d !== null && can(d.place)) run = { from: run ? run.from : d.from, to: d.to }
    else if (run) {
      parts.push(['(t.exp_date IS NULL) = 0', run.from, run.to].filter((b) => b !== null).join(' AND '))
      run = null
    }
  }
  if (can(EXP_NONE)) parts.push('(t.exp_date IS NULL) = 1')
  if (parts.some((p) => p.includes('@now'))) params.now = nowSec
  if (parts.some((p) => p.includes('@soon'))) params.soon = soonOf(q, nowSec)
  return parts
}

/** The end of the query's "expiring soon" window (seconds), `nowSec` its start. */
export const soonOf = (q: CacheQuery, nowSec: number): number => nowSec + (q.expiringDays ?? DEFAULT_EXPIRING_DAYS) * DAY

/** The status chips as one predicate on `t` (ORed), or null when none apply; binds @now/@soon in `params`. */
function chipClause(spec: ResourceSpec, q: CacheQuery, nowSec: number, params: Record<string, string | number | null>): string | null {
  const chips = q.status ?? []
  if (chips.length === 0 || spec.status === 'none') return null
  const table = spec.status === 'subscription' ? SUBSCRIPTION_CHIPS : ENABLED_CHIPS
  const ors = [...new Set(chips)].map((c) => table[c] ?? '0')
  if (ors.some((o) => o.includes('@now'))) params.now = nowSec
  if (ors.some((o) => o.includes('@soon'))) params.soon = soonOf(q, nowSec)
  return `(${ors.join(' OR ')})`
}

/**
 * A search in a subscription list as a walk of the view's order index (query-walk.ts), or
 * null when the query has no search or its table no order indexes. `after`: where the page
 * before ended (keyset.ts); the walk then starts there and needs only the page.
 */
export function buildWalk(spec: ResourceSpec, q: CacheQuery, nowSec: number, panelKeys: string[], after?: PageKey, also: { panelKey: string; key: string }[] = []): (Walk & { seeks: boolean }) | null {
  if (!isTallied(spec.table) || planSearch(q.search).kind === 'none') return null
  const order = orderOf(spec, q.sort)
  // Along any other order each window would sort the panel's rows.
  if (!hasOrderIndex(spec.table, order.column)) return null
  const params: Record<string, string | number | null> = {}
  const chipSql = chipClause(spec, q, nowSec, params)
  const match = withOwned(spec, textClause(spec, q.search, params), also, params)
  const seek = after ? keysetClause(order.column, order.dir, order.forever, after) : null
  if (seek) Object.assign(params, seek.params)
  const where = ['t.panel_key = @wp', chipSql, seek?.sql ?? null].filter((w): w is string => w !== null)
  return {
    windowSql: `SELECT t.rid AS rid, t.${order.column} AS kv, t.id AS kid, t.panel_key AS kpk, ${match ? `(${match.sql})` : '1'} AS hit
      FROM ${spec.table} t WHERE ${where.join(' AND ')} ORDER BY ${orderBy(order)} LIMIT @wb OFFSET @wskip`,
    params,
    panelKeys,
    order,
    need: (seek ? 0 : q.offset) + q.limit,
    seeks: seek !== null,
  }
}

/**
 * The search on a subscription row's folded text (search-text.ts searchNeedles): every word
 * at the start of a token of one field, in any of its forms. LIKE for what is not a word search.
 */
function textClause(spec: ResourceSpec, text: string | undefined, params: Record<string, string | number | null>): { sql: string; param: string } | null {
  const needles = searchNeedles(text)
  if (needles !== null) return { sql: needlesSql(needles, params), param: '' }
  const like = searchClause(spec, text)
  if (like) params.search = like.param
  return like
}

/** Every word's needle found in the row's search text (any of its forms); binds @sn0, @sn1… */
function needlesSql(needles: string[][], params: Record<string, string | number | null>): string {
  let n = 0
  return needles.map((forms) => `(${forms.map((f) => ((params[`sn${n}`] = f), `instr(t.search_text, @sn${n++}) > 0`)).join(' OR ')})`).join(' AND ')
}

/**
 * Each panel's rows in `order` (each an index walk), merged: the page is cut from the union.
 * `parts`: each panel is walked once per part (expirySegments), or once when null.
 *
 * Along an order the table keeps an index for, the walks are left unbounded: SQLite merges
 * them lazily (MERGE (UNION ALL) over index walks, no sort), reading from each walk only as far
 * as the page reaches. Bounded at @n rows each, every walk read its @n rows to the end and each
 * was sorted again: with a narrow chip ("banned") that read ten times the rows the page needs
 * across 10 panels (~13 ms against ~2 ms at 1M lines, a scratch run). Along an order with no
 * index the bound stays: each walk is then a top-N sort of the panel's rows.
 *
 * The outer ORDER BY names result columns (a compound SELECT allows no more); their collation
 * is the columns' own (NOCASE text), as in the single-panel order.
 */
function mergedPageSql(table: string, order: Order, names: string[], where: string[], parts: string[] | null): string {
  if (names.length === 0) return `SELECT NULL AS rid, NULL AS kv, NULL AS kid, NULL AS kpk WHERE 0`
  const d = order.dir === 'desc' ? 'DESC' : 'ASC'
  const cols = `t.rid AS rid, t.${order.column} AS kv, t.id AS kid, t.panel_key AS kpk${order.forever ? `, t.${order.column} IS NULL AS knull` : ''}`
  const walk = (name: string, part: string | null) => `SELECT ${cols} FROM ${table} t WHERE ${[`t.panel_key = ${name}`, part, ...where].filter((w) => w !== null).join(' AND ')}`
  const outer = order.column === 'id' ? `kid ${d}, kpk ${d}` : `${order.forever ? `knull ${d}, ` : ''}kv ${d}, kid ${d}, kpk ${d}`
  const page = `ORDER BY ${outer} LIMIT @limit OFFSET @offset`
  if (!hasOrderIndex(table, order.column)) return `${names.map((name) => `SELECT * FROM (${walk(name, null)} ORDER BY ${orderBy(order)} LIMIT @n)`).join(' UNION ALL ')} ${page}`
  if (parts === null) return `${names.map((name) => walk(name, null)).join(' UNION ALL ')} ${page}`
  // Within a part "IS NULL" is one value the planner does not see as one (it is an expression):
  // ordered by it the walks would each be sorted. Each part's walks are merged without it, up to
  // the page's end, and the page cut from the parts (at most @n rows each, sorted).
  const inPart = `ORDER BY kv ${d}, kid ${d}, kpk ${d} LIMIT @n`
  return `${parts.map((part) => `SELECT * FROM (${names.map((name) => walk(name, part)).join(' UNION ALL ')} ${inPart})`).join(' UNION ALL ')} ${page}`
}

/**
 * The number of rows matching panel and chip `filters`, from the tally: every span no chip
 * boundary (now, the end of "expiring soon") falls in is summed from the counts, and the rows
 * of the one or two spans a boundary splits are counted exactly, through the expiry index.
 */
function tallyCount(table: string, filters: string[], params: Record<string, string | number>): { sql: string; params: Record<string, string | number> } {
  const moments = [params.now, params.soon].filter((m): m is number => typeof m === 'number')
  const spans = boundarySpans(moments)
  const p: Record<string, string | number> = { ...params }
  const where = [...filters]
  const exact: string[] = []
  spans.forEach(({ lo, hi }, i) => {
    p[`wlo${i}`] = lo
    p[`whi${i}`] = hi
    exact.push(`(SELECT count(*) FROM ${table} t WHERE ${[...filters, `(t.exp_date IS NULL) = 0 AND t.exp_date >= @wlo${i} AND t.exp_date < @whi${i}`].join(' AND ')})`)
  })
  if (spans.length > 0) where.push(`(t.exp_date IS NULL OR t.exp_key NOT IN (${spans.map((_, i) => `@wlo${i}`).join(', ')}))`)
  const summed = `(SELECT coalesce(sum(t.n), 0) FROM ${table}_tally t ${where.length ? `WHERE ${where.join(' AND ')}` : ''})`
  return { sql: `SELECT ${[summed, ...exact].join(' + ')} AS n`, params: p }
}

/**
 * The search predicate of the full-text way. A subscription table's rows are matched on their
 * folded text, as a walk matches them (query-walk.ts): the full-text index only narrows the
 * rows to test, so both ways find the same rows (search-text.ts searchTextOf).
 */
function narrowedSearch(spec: ResourceSpec, text: string | undefined, params: Record<string, string | number | null>): { sql: string; param: string } | null {
  const search = searchClause(spec, text)
  if (!search) return null
  params.search = search.param
  const needles = isTallied(spec.table) ? searchNeedles(text) : null
  // Words of one plain token each: the index's match is already exactly the text's (a phrase may
  // run across two fields in the index, and its tokenizer folds a few letters further).
  if (needles === null || needles.every((forms) => forms.every((f) => SINGLE_ASCII_TOKEN.test(f)))) return search
  return { sql: `${search.sql} AND ${needlesSql(needles, params)}`, param: search.param }
}

const SINGLE_ASCII_TOKEN = /^ [a-z0-9]+$/

/** The search ORed with "is one of these rows" (row values, bound: nothing typed reaches the SQL text). */
function withOwned(spec: ResourceSpec, search: { sql: string; param: string } | null, also: { panelKey: string; key: string }[], params: Record<string, string | number | null>) {
  if (!search || also.length === 0 || !spec.naturalKey) return search
  const values = also.map((o, i) => {
    params[`ok${i}`] = o.panelKey
    params[`ov${i}`] = o.key
    return `(@ok${i}, @ov${i})`
  })
  return { sql: `(${search.sql} OR (t.panel_key, t.${spec.naturalKey}) IN (VALUES ${values.join(', ')}))`, param: search.param }
}

/** The search predicate on `t` (FTS5, or LIKE for one-character / punctuation-only text). */
export function searchClause(spec: ResourceSpec, text: string | undefined): { sql: string; param: string } | null {
  const plan = planSearch(text, hasSearchText(spec.table))
  if (plan.kind === 'none') return null
  if (plan.kind === 'fts') {
    return { sql: `t.rid IN (SELECT rowid FROM ${spec.table}_fts WHERE ${spec.table}_fts MATCH @search)`, param: plan.match }
  }
  const likes = spec.searchColumns.map((c) => `t.${c} LIKE @search ESCAPE '${LIKE_ESCAPE}'`)
  return { sql: `(${likes.join(' OR ')})`, param: plan.pattern }
}

interface Order {
  column: string
  dir: 'asc' | 'desc'
  /** A null in the column means "never" (unlimited expiry). */
  forever: boolean
}

export function orderOf(spec: ResourceSpec, sort: CacheQuery['sort']): Order {
  const { column: field, dir } = sort ?? spec.defaultSort
  const column = sortColumn(spec, field)
  if (!column) {
    throw new AppError('VALIDATION', `The ${spec.label.toLowerCase()} list cannot be sorted by "${field}".`, {
      details: { resource: spec.resource, column: field },
    })
  }
  return { column, dir, forever: spec.nullIsForever.includes(column) }
}

function orderBy({ column, dir, forever }: Order): string {
  const d = dir === 'desc' ? 'DESC' : 'ASC'
  // An unlimited expiry (null) is later than any date: last going up, first going down.
  // Ties broken by id (then panel) so paging never shows a row twice or skips one.
  if (column === 'id') return `t.id ${d}, t.panel_key ${d}`
  // `IS NULL` first, as the expiry index (migration v7) is keyed, so the walk needs no sort.
  if (forever) return `t.${column} IS NULL ${d}, t.${column} ${d}, t.id ${d}, t.panel_key ${d}`
  return `t.${column} ${d}, t.id ${d}, t.panel_key ${d}`
}
