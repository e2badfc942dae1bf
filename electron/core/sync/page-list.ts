/**
 * Pages through one list action and hands over the whole set: kept in memory,
 * or page by page to a sink (onRows) while the next page is on its way.
 *
 * Rules (docs/panel-api.md §5):
 * - ask for 1000 rows a page (the panel clamps larger values);
 * - when the first page brings `recordsTotal`, the rest of the pass is known
 *   and is read with several pages in flight (page-window.ts), until that many
 *   rows were seen (the count of the LATEST page wins: rows may come and go);
 * - when it does not (`total: null`, the upstream API-mode bug), page until a
 *   short page. A panel that clamps below our limit would make its first page
 *   look short, so a short first page is confirmed with one more request before
 *   it is believed;
 * - a 1000-row page that fails in a way a smaller page could fix (an empty or
 *   broken body, a 5xx, a timeout: PHP out of memory or time), or that comes
 *   back empty while the count says more exist, is asked again with 250, then 50.
 * Rows are keyed by id: offset paging over a list that changes underneath can
 * repeat a row, and the cache must not see it twice.
 */
import type { ListResult } from '../api/normalise/list'
import { AppError, isAppError } from '../errors'
import { Pacer } from './pacer'
import { pageWindow, SIZE_SENSITIVE } from './page-window'

export const PAGE_LIMITS: readonly number[] = [1000, 250, 50]


/** One page as fetched: the normalised rows and, when the fetcher kept them, the answer's bytes. */
export type ListPage<T> = ListResult<T> & { answer?: Uint8Array }

/**
 * Fetches one page. `signal` is the pass's own: it aborts when the sync is cancelled, and
 * also when the pass ends any other way, so a page still on its way when another one failed
 * stops retrying and gives the panel's window back (a read: nothing is spent).
 */
export type FetchPage<T> = (start: number, limit: number, signal?: AbortSignal) => Promise<ListPage<T>>

export interface PageReport {
  pages: number
  /** Estimated pages for the whole pass; null while the panel gives no count. */
  pagesTotal: number | null
  /** Rows received so far (readable + skipped). */
  received: number
  total: number | null
}

export interface ListPass<T> {
  /** Every distinct row, when no onRows sink took them. */
  rows: T[]
  /** Distinct ids received (with or without a sink). */
  unique: number
  /** The panel's last count, or null when it never sent one. */
  total: number | null
  /** Rows the panel sent that the normaliser could not read. */
  skipped: number
  pages: number
}

export interface PageListOptions<T = unknown> {
  limits?: readonly number[]
  signal?: AbortSignal
  onPage?: (r: PageReport) => void
  /** For error messages: "lines", "MAG devices"… */
  label?: string
  /**
   * Takes each page's rows as they arrive instead of keeping them (the sync
   * stages them in the cache). The next page is already asked for when it is
   * called, so the panel prepares it while this one is stored. An id may come
   * again on a later page: the sink keeps the last copy. If it throws, the pass stops.
   * `page` is the page the rows came from (its answer, where each row sat in it).
   */
  onRows?: (rows: T[], page: ListPage<T>) => void
  /**
   * The panel's request window (pacer.ts). With one, a counted list has several pages in
   * flight once the first page brought the count (page-window.ts); without, one at a time.
   */
  pacer?: Pacer
}

/** Where a pass stands: the next offset and page size, and what it learnt of the panel's paging. */
interface Cursor {
  start: number
  limit: number
  /** Index into the limits: how far the page size has been shrunk. */
  step: number
  readonly limits: readonly number[]
  /** True once the panel has shown it honours our page size (it sent a full page). */
  sizeKnown: boolean
  /** A short page seen before the page size was known: the next request confirms it was the end. */
  unconfirmedShort: number | null
}

/** The next smaller page size, false when there is none. */
function shrink(c: Cursor): boolean {
  if (c.step + 1 >= c.limits.length) return false
  c.step++
  c.limit = Math.min(c.limit, c.limits[c.step] as number)
  return true
}

/** Where the pass goes after a page of `received` rows; moves the cursor on. */
function advance(c: Cursor, received: number, total: number | null, label: string): 'more' | 'done' | 'retry' {
  if (total !== null) {
    if (received === 0 && c.start < total) {
      // The count says more exist but the page is empty: a smaller page may pass where this one died.
      if (shrink(c)) return 'retry'
      throw new AppError(
        'BAD_RESPONSE',
        `The panel said it has ${total} ${label} but sent none after the first ${c.start}. The list was not updated; try again later.`,
      )
    }
    c.start += received
    // An empty page got here only with the count reached (the branch above): `start >= total` ends it too.
    return c.start >= total ? 'done' : 'more'
  }
  // No count from the panel: page until a short page.
  c.start += received
  if (c.unconfirmedShort !== null) {
    // Stryker disable next-line ConditionalExpression: equivalent, an empty page is also below the clamped size, so the return below ends the pass the same way.
    if (received === 0) return 'done'
    // More rows came after a short page: the panel clamps pages, at the size it sent.
    c.limit = Math.min(c.limit, c.unconfirmedShort)
    c.unconfirmedShort = null
    c.sizeKnown = true
    return received < c.limit ? 'done' : 'more'
  }
  if (received >= c.limit) {
    c.sizeKnown = true
    return 'more'
  }
  if (received === 0 || c.sizeKnown) return 'done'
  c.unconfirmedShort = received
  return 'more'
}

/** Without a sink the pass keeps the rows (last copy of an id wins); with one it only counts ids. */
function collector<T extends { id: number }>(onRows: PageListOptions<T>['onRows']) {
  if (!onRows) {
    const byId = new Map<number, T>()
    return {
      take(rows: T[]): void {
        for (const r of rows) byId.set(r.id, r)
      },
      rows: (): T[] => [...byId.values()],
      unique: (): number => byId.size,
    }
  }
  const ids = new Set<number>()
  return {
    take(rows: T[], page: ListPage<T>): void {
      for (const r of rows) ids.add(r.id)
      onRows(rows, page)
    },
    rows: (): T[] => [],
    unique: (): number => ids.size,
  }
}

/** One request at a time through the panel's window (its cool-down after strain included). `fetchPage` carries the pass's signal already (pageList). */
function pacedFetch<T>(fetchPage: FetchPage<T>, pacer: Pacer, signal: AbortSignal): FetchPage<T> {
  return async (s, l) => {
    const slot = await pacer.acquire(signal)
    try {
      const page = await fetchPage(s, l)
      slot.release()
      return page
    } catch (e) {
      slot.release(e)
      throw e
    }
  }
}

export async function pageList<T extends { id: number }>(fetchPage: FetchPage<T>, opts: PageListOptions<T> = {}): Promise<ListPass<T>> {
  const pass = passSignal(opts.signal)
  try {
    return await pagePass((s, l) => fetchPage(s, l, pass.signal), opts, pass.signal)
  } finally {
    // Whatever ended the pass, nothing it asked for is still owed to it.
    pass.end()
  }
}

/** The pass's own signal: follows the sync's cancel, and aborts when the pass ends. */
function passSignal(cancel: AbortSignal | undefined): { signal: AbortSignal; end(): void } {
  const ctrl = new AbortController()
  const follow = () => ctrl.abort()
  if (cancel?.aborted) ctrl.abort()
  else cancel?.addEventListener('abort', follow, { once: true })
  return {
    signal: ctrl.signal,
    end: () => {
      cancel?.removeEventListener('abort', follow)
      ctrl.abort()
    },
  }
}

async function pagePass<T extends { id: number }>(fetchPage: FetchPage<T>, opts: PageListOptions<T>, requests: AbortSignal): Promise<ListPass<T>> {
  const limits = opts.limits ?? PAGE_LIMITS
  // Without the panel's own pacer: one request at a time, as before pipelining.
  const pacer = opts.pacer ?? new Pacer({ aim: 1 })
  const paced = pacedFetch(fetchPage, pacer, requests)
  const label = opts.label ?? 'rows'
  const cur: Cursor = { start: 0, limit: limits[0] ?? 1000, step: 0, limits, sizeKnown: false, unconfirmedShort: null }
  const got = collector(opts.onRows)
  let skipped = 0
  let pages = 0
  let total: number | null = null
  /** The next page, asked for before the current one was handed over (see onRows). */
  let pending: Promise<ListPage<T>> | null = null
  const ask = (): Promise<ListPage<T>> => {
    const p = paced(cur.start, cur.limit)
    // Awaited on the next turn; if the sink throws first, its failure must not go unhandled.
    p.catch(() => undefined)
    return p
  }

  for (;;) {
    if (opts.signal?.aborted) throw cancelled()
    let page: ListPage<T>
    try {
      page = await (pending ?? ask())
    } catch (e) {
      pending = null
      if (isAppError(e) && SIZE_SENSITIVE.has(e.code) && !opts.signal?.aborted && shrink(cur)) continue
      throw e
    }
    pending = null
    if (page.total !== null && pages === 0) {
      // Counted: every offset to read is known now; the rest of the pass has pages in flight side by side.
      const { start, limit, step } = cur
      const st = await pageWindow(fetchPage, { next: start, total: page.total, limit, limits, step, pages, received: start, skipped }, page, {
        pacer,
        signal: opts.signal,
        label,
        take: got.take,
        report: (n, pagesTotal, received, total) => opts.onPage?.({ pages: n, pagesTotal, received, total }),
      })
      return { rows: got.rows(), unique: got.unique(), total: st.total, skipped: st.skipped, pages: st.pages }
    }
    pages++
    const received = page.rows.length + page.skipped
    skipped += page.skipped
    if (page.total !== null) total = page.total
    const more = advance(cur, received, total, label)
    if (more === 'retry') continue
    report(opts, pages, cur.start, total, cur.limit)
    // Only a sink has work to overlap with the next request; never ask once cancelled.
    if (more === 'more' && opts.onRows && !opts.signal?.aborted) {
      pending = ask()
      // The request only leaves once its promise chain (key, rate limit, fetch) has run: let it,
      // before the sink blocks this thread storing the page.
      await yieldToIo()
    }
    got.take(page.rows, page)
    if (more === 'done') break
  }
  return { rows: got.rows(), unique: got.unique(), total, skipped, pages }
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function report(opts: PageListOptions<never>, pages: number, received: number, total: number | null, limit: number): void {
  const pagesTotal = total === null ? null : pages + Math.ceil(Math.max(0, total - received) / limit)
  opts.onPage?.({ pages, pagesTotal, received, total })
}

const cancelled = () => new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.')
