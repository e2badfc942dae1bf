/**
 * The rest of a counted list pass with several pages in flight (issue #14).
 *
 * Once the first page has brought the panel's count, every offset still to
 * read is known: the ranges not yet read ("holes", in offset order) are cut
 * into pages and asked for as fast as the panel's pacer allows (pacer.ts).
 * Answers may come back in any order; rows are keyed by id as before, so a
 * row seen twice (offset paging over a list that changes) counts once.
 *
 * - A short page in the middle (fewer rows than asked, the count says more)
 *   means the panel clamps its page size (docs/panel-api.md §5): the rest of
 *   that page's range becomes a hole again, and later pages use the size the
 *   panel sent. The pass never ends early because of it.
 * - The count of the LATEST answer wins: a list that grew gets a hole at its
 *   end; one that shrank drops the holes past its end.
 * - A page that fails in a way a smaller page could fix, or comes back empty
 *   while the count says more exist, is asked again smaller (PAGE_LIMITS).
 * - Any other failure ends the pass; answers still on their way are ignored.
 */
import type { ErrorCode } from '../../shared/errors'
import { AppError, isAppError } from '../errors'
import type { Pacer, Slot } from './pacer'
import type { FetchPage, ListPage } from './page-list'

/** Failures a smaller page may avoid. Auth, permissions, offline and cancel are not among them. */
export const SIZE_SENSITIVE: ReadonlySet<ErrorCode> = new Set(['BAD_RESPONSE', 'SERVER_ERROR', 'TIMEOUT'])

export interface WindowState {
  /** Where the first page started (0). */
  next: number
  total: number
  limit: number
  /** Page sizes to fall back to, and where in them the pass is. */
  limits: readonly number[]
  step: number
  pages: number
  received: number
  skipped: number
}

export interface WindowHooks<T> {
  pacer: Pacer
  signal?: AbortSignal
  label: string
  /** Takes a page's rows (sink or map); called in arrival order, never after the pass ended. */
  take(rows: T[], page: ListPage<T>): void
  report(pages: number, pagesTotal: number, received: number, total: number): void
}

interface Answer<T> {
  start: number
  limit: number
  page?: ListPage<T>
  error?: unknown
}

export async function pageWindow<T>(fetchPage: FetchPage<T>, st: WindowState, first: ListPage<T>, h: WindowHooks<T>): Promise<WindowState> {
  /** Offset ranges still to read, in order: all past the first page to start with. */
  const holes: [number, number][] = st.total > st.next + st.limit ? [[st.next + st.limit, st.total]] : []
  /** Answers not folded in yet, in arrival order; the first page is the first of them. */
  const arrived: Answer<T>[] = [{ start: st.next, limit: st.limit, page: first }]
  let pending = 0
  let wake: (() => void) | null = null
  let ended = false

  const holeRows = () => holes.reduce((n, [a, b]) => n + (b - a), 0)
  const reportNow = () => h.report(st.pages, st.pages + pending + Math.ceil(holeRows() / st.limit), st.received, st.total)
  const shrink = (): boolean => {
    if (st.step + 1 >= st.limits.length) return false
    st.step++
    st.limit = Math.min(st.limit, st.limits[st.step] as number)
    return true
  }
  const launch = (slot: Slot): void => {
    const [a, b] = holes[0] as [number, number]
    // A hole in the middle is read exactly (an overlap would count its unreadable rows twice);
    // the end of the list is read a whole page at a time, which picks up rows added meanwhile.
    const limit = b >= st.total ? st.limit : Math.min(st.limit, b - a)
    if (a + limit < b) holes[0] = [a + limit, b]
    else holes.shift()
    pending++
    void fetchPage(a, limit)
      .then(
        (page): Answer<T> => {
          slot.release()
          return { start: a, limit, page }
        },
        (error: unknown): Answer<T> => {
          slot.release(error)
          return { start: a, limit, error }
        },
      )
      .then((answer) => {
        pending--
        arrived.push(answer)
        const w = wake
        wake = null
        w?.()
      })
  }
  /** Ask for as many pages as the window lets (when none is on its way: at least one, waiting for room). */
  const fill = async (): Promise<void> => {
    while (holes.length > 0 && !ended) {
      const slot = h.pacer.tryAcquire() ?? (pending === 0 ? await h.pacer.acquire(h.signal) : null)
      if (!slot) return
      if (ended || holes.length === 0) {
        slot.release()
        return
      }
      launch(slot)
    }
  }

  try {
    for (;;) {
      if (h.signal?.aborted) throw cancelled()
      const answer = arrived.shift()
      if (answer) {
        const page = absorb(answer)
        await fill()
        if (page) {
          // Let the requests just asked for leave before the sink blocks this thread storing the page.
          if (pending > 0) {
            await yieldToIo()
            if (h.signal?.aborted) throw cancelled()
          }
          h.take(page.rows, page)
        }
        continue
      }
      if (pending === 0 && holes.length === 0) return st
      if (pending === 0) await fill()
      else await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    // Answers still on their way are dropped when they come.
    ended = true
  }

  /** Folds one answer into the pass; returns its page when it brought rows to take. */
  function absorb(a: Answer<T>): ListPage<T> | null {
    const end = () => Math.min(a.start + a.limit, st.total)
    if (a.error !== undefined) {
      const e = a.error
      if (isAppError(e) && SIZE_SENSITIVE.has(e.code) && !h.signal?.aborted && shrink()) {
        putBack(a.start, end())
        return null
      }
      throw e
    }
    const page = a.page as ListPage<T>
    const received = page.rows.length + page.skipped
    st.pages++
    st.received += received
    st.skipped += page.skipped
    if (page.total !== null && page.total !== st.total) recount(page.total)
    if (received === 0 && a.start < st.total) {
      // The count says more exist but the page is empty: a smaller page may pass where this one died.
      if (shrink()) {
        putBack(a.start, end())
        return null
      }
      throw new AppError(
        'BAD_RESPONSE',
        `The panel said it has ${st.total} ${h.label} but sent none after the first ${a.start}. The list was not updated; try again later.`,
      )
    }
    if (received < a.limit && a.start + received < end()) {
      // A short page in the middle: the panel clamps its pages. Read the rest of this range, at its size.
      st.limit = Math.min(st.limit, received)
      putBack(a.start + received, end())
    }
    reportNow()
    return page
  }

  /** The latest count wins: more rows → a hole at the end; fewer → nothing is asked past the new end. */
  function recount(total: number): void {
    if (total > st.total) putBack(st.total, total)
    else {
      for (let i = holes.length - 1; i >= 0; i--) {
        const [a, b] = holes[i] as [number, number]
        if (a >= total) holes.splice(i, 1)
        else if (b > total) holes[i] = [a, total]
      }
    }
    st.total = total
  }

  function putBack(a: number, b: number): void {
    if (b <= a) return
    let i = 0
    while (i < holes.length && (holes[i] as [number, number])[0] < a) i++
    holes.splice(i, 0, [a, b])
  }
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const cancelled = () => new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.')
