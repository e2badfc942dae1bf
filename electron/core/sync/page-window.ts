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
 * - Any other failure ends the pass; requests still on their way are called off
 *   (the pass's signal, page-list.ts) and their answers ignored.
 */
import type { ErrorCode } from '../../shared/errors'
import { AppError, isAppError } from '../errors'
import type { Pacer, Slot } from './pacer'
import { OffsetHoles } from './offset-holes'
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
  return new PageWindow(fetchPage, st, first, h).run()
}

/** One pass's window: what is still to read, what is on its way, what came back. */
class PageWindow<T> {
  /** Offsets still to read: all past the first page to start with. */
  private readonly holes: OffsetHoles
  /** Answers not folded in yet, in arrival order; the first page is the first of them. */
  private readonly arrived: Answer<T>[]
  /** Requests on their way. */
  private pending = 0
  /** Wakes run() when an answer arrives. */
  private wake: (() => void) | null = null
  /** The pass is over: answers still on their way are dropped when they come. */
  private ended = false

  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly st: WindowState,
    first: ListPage<T>,
    private readonly h: WindowHooks<T>,
  ) {
    this.holes = new OffsetHoles(st.next + st.limit, st.total)
    this.arrived = [{ start: st.next, limit: st.limit, page: first }]
  }

  async run(): Promise<WindowState> {
    const { h } = this
    try {
      for (;;) {
        if (h.signal?.aborted) throw cancelled()
        const answer = this.arrived.shift()
        if (answer) {
          const page = this.absorb(answer)
          await this.fill()
          if (page) {
            // Let the requests just asked for leave before the sink blocks this thread storing the page.
            if (this.pending > 0) {
              await yieldToIo()
              if (h.signal?.aborted) throw cancelled()
            }
            h.take(page.rows, page)
          }
          continue
        }
        if (this.pending === 0 && this.holes.empty) return this.st
        if (this.pending === 0) await this.fill()
        else await new Promise<void>((resolve) => (this.wake = resolve))
      }
    } finally {
      this.ended = true
    }
  }

  /** Ask for as many pages as the window lets (when none is on its way: at least one, waiting for room). */
  private async fill(): Promise<void> {
    const { h } = this
    while (!this.holes.empty && !this.ended) {
      const slot = h.pacer.tryAcquire() ?? (this.pending === 0 ? await h.pacer.acquire(h.signal) : null)
      if (!slot) return
      if (this.ended || this.holes.empty) {
        slot.release()
        return
      }
      this.launch(slot)
    }
  }

  private launch(slot: Slot): void {
    const { start, limit } = this.holes.take(this.st.limit, this.st.total)
    this.pending++
    void this.fetchPage(start, limit)
      .then(
        (page): Answer<T> => {
          slot.release()
          return { start, limit, page }
        },
        (error: unknown): Answer<T> => {
          slot.release(error)
          return { start, limit, error }
        },
      )
      .then((answer) => {
        this.pending--
        this.arrived.push(answer)
        const w = this.wake
        this.wake = null
        w?.()
      })
  }

  /** Folds one answer into the pass; returns its page when it brought rows to take. */
  private absorb(a: Answer<T>): ListPage<T> | null {
    const { st, h } = this
    const end = () => Math.min(a.start + a.limit, st.total)
    if (a.error !== undefined) {
      const e = a.error
      if (isAppError(e) && SIZE_SENSITIVE.has(e.code) && !h.signal?.aborted && this.shrink()) {
        this.holes.add(a.start, end())
        return null
      }
      throw e
    }
    const page = a.page as ListPage<T>
    const received = page.rows.length + page.skipped
    st.pages++
    st.received += received
    st.skipped += page.skipped
    if (page.total !== null && page.total !== st.total) this.recount(page.total)
    if (received === 0 && a.start < st.total) {
      // The count says more exist but the page is empty: a smaller page may pass where this one died.
      if (this.shrink()) {
        this.holes.add(a.start, end())
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
      this.holes.add(a.start + received, end())
    }
    this.report()
    return page
  }

  /** The latest count wins: more rows → a hole at the end; fewer → nothing is asked past the new end. */
  private recount(total: number): void {
    if (total > this.st.total) this.holes.add(this.st.total, total)
    else this.holes.cutAt(total)
    this.st.total = total
  }

  /** The next smaller page size, if any is left. */
  private shrink(): boolean {
    const { st } = this
    if (st.step + 1 >= st.limits.length) return false
    st.step++
    st.limit = Math.min(st.limit, st.limits[st.step] as number)
    return true
  }

  private report(): void {
    const { st } = this
    this.h.report(st.pages, st.pages + this.pending + Math.ceil(this.holes.size / st.limit), st.received, st.total)
  }
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const cancelled = () => new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.')
