/**
 * Writes a sync pass's pages into the cache's staged set as they arrive, and on a
 * panel's first sync shows them while the pass runs (issue #14), without holding the
 * thread the list's queries share for long (docs/ARCHITECTURE.md §5).
 *
 * Each page is staged at once, in its own transaction. Showing it (inserting its rows
 * into the narrow table and its six order indexes) cost ~30 ms per 1000-row page at
 * 1M lines, and a query asked meanwhile waited for all of it. A first sync's rows are
 * therefore shown by a publisher beside the page fetching: a slice of PUBLISH_SLICE
 * rows per transaction, with the event loop free between slices, oldest staged first,
 * until every staged row is shown. The view is told when everything staged so far is
 * shown and, while pages come faster than slices show them, after every TELL_EVERY
 * slices; it is never told of rows not shown yet.
 *
 * Staging itself held the thread too: ~12 ms at p50 and ~27 ms at p95 (45 at most) per
 * 1000-row page at 1M lines (a scratch run). While lists are read, a page is therefore
 * staged STAGE_SLICE rows per transaction, the first part at once, the rest on later
 * turns, in the order the pages came; the whole page is still checked at once, so a bad
 * row refuses it before any of it is staged.
 *
 * The staged set's own rules still hold (cache/staging.ts): commit() shows whatever
 * the publisher had not reached, discard() keeps what was shown, a row listed again
 * replaces its shown copy.
 */
import type { Resource, ResourceRow } from '../../shared/domain'
import type { PanelAnswer, StagedReplace } from '../ports'
import { backgroundTurn } from '../background-turns'

/** Rows shown per transaction: ~10 ms with its commit at 1M lines on this machine (docs/ARCHITECTURE.md §5). */
export const PUBLISH_SLICE = 250
/** Rows staged per transaction while lists are read (the pages' parts). */
export const STAGE_SLICE = 250

export interface PassWriterOptions {
  /** The panel had nothing cached: rows are shown as they arrive. */
  firstSync: boolean
  /** False when the panel was removed meanwhile: nothing more may be shown for it. */
  stillWanted?: () => boolean
  /** Every row staged so far is shown (`rows` in all): the view may re-query. */
  onShown?: (rows: number) => void
  /** Rows per slice; tests pass small ones. */
  slice?: number
  /**
   * Lists are being read (listsReadLately): show in slices. When false, everything staged is
   * shown at once: slices only cost when nothing waits to read (a 100k-line sync with no list
   * open ended ~3 s later, test/bench/sync.ts). Absent: always slices.
   */
  readers?: () => boolean
}

/** A list read within this long counts as being read (the view re-reads as rows are shown, and on every key). */
export const READ_LATELY_MS = 2000

/** `readers` for a writer into `cache`: a list of it was read in the last READ_LATELY_MS. */
export function listsReadLately(cache: { lastReadAt?(): number }, now: () => number = () => performance.now()): () => boolean {
  return () => (cache.lastReadAt?.() ?? Number.NEGATIVE_INFINITY) > now() - READ_LATELY_MS
}

export class PassWriter<R extends Resource> {
  /** Rows shown so far (a first sync that stops keeps them). */
  shown = 0
  private publishing: Promise<void> | null = null
  /** Pages, or what is left of them, still to be staged, in the order they came. */
  private readonly queue: { rows: ResourceRow[R][]; raw: unknown[] | PanelAnswer | null; from: number }[] = []
  private staging: Promise<void> | null = null
  private failure: unknown = null
  private stopped = false
  private readonly slice: number

  constructor(
    private readonly staged: StagedReplace<R>,
    private readonly o: PassWriterOptions,
  ) {
    this.slice = o.slice ?? PUBLISH_SLICE
  }

  /** Stage one page (the pass's sink, page-list.ts), in parts while lists are read; on a first sync, have it shown soon. */
  take(rows: ResourceRow[R][], raw: unknown[] | PanelAnswer | null): void {
    this.throwFailure()
    if (this.queue.length > 0) {
      // Earlier pages are still being staged: this one waits its turn, checked now.
      this.staged.add(rows, raw, { from: 0, to: 0 })
      this.queue.push({ rows, raw, from: 0 })
      return
    }
    // In parts only while lists are read (never when no one said: tests and callers that stage at once).
    const first = this.o.readers?.() === true ? Math.min(rows.length, STAGE_SLICE) : rows.length
    this.staged.add(rows, raw, { from: 0, to: first })
    this.willShow(first)
    if (first < rows.length) {
      this.queue.push({ rows, raw, from: first })
      this.staging ??= this.stageParts()
    }
  }

  /** `n` more rows staged: on a first sync, have them shown soon. */
  private willShow(n: number): void {
    if (this.o.firstSync && n > 0 && this.wanted()) this.publishing ??= this.publish()
  }

  /** The queued pages' parts, one transaction each, with the event loop free before each. */
  private async stageParts(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await backgroundTurn()
        if (this.stopped || this.failure !== null) {
          this.queue.length = 0
          return
        }
        const page = this.queue[0] as (typeof this.queue)[number]
        const to = Math.min(page.rows.length, page.from + STAGE_SLICE)
        this.staged.add(page.rows, page.raw, { from: page.from, to })
        this.willShow(to - page.from)
        page.from = to
        if (to === page.rows.length) this.queue.shift()
      }
    } catch (e) {
      this.failure = e
      this.queue.length = 0
    } finally {
      this.staging = null
    }
  }

  /**
   * Before the switch: waits until the publisher has shown every staged row, so the switch
   * has next to nothing to show (staging.ts switchesInPlace). A pass whose rows fit in one
   * slice and are not shown yet leaves them to commit() instead: it ends without a turn more.
   * Nothing is published after this; the publisher's failure fails the pass.
   */
  async finish(): Promise<void> {
    while (this.staging) await this.staging
    this.throwFailure()
    // The publisher itself is awaited, not polled: a poll would take every other background turn from it.
    while (this.publishing && (this.shown > 0 || this.staged.size > this.slice)) await this.publishing
    this.stop()
    this.throwFailure()
  }

  /** Nothing more is shown (the pass failed, was cancelled, or ends): call before discard(). */
  stop(): void {
    this.stopped = true
  }

  private async publish(): Promise<void> {
    try {
      let told = this.shown
      for (;;) {
        // The queries and page answers waiting get their turn before each slice (shared with
        // the cache's other background work: background-turns.ts).
        await backgroundTurn()
        if (!this.wanted()) return
        const waiting = this.staged.publish(this.o.readers?.() === false ? Number.POSITIVE_INFINITY : this.slice)
        this.shown = this.staged.size - waiting
        if (waiting === 0) break
        // Pages coming faster than slices show them: the view still hears of what is shown so far.
        if (this.shown - told >= TELL_EVERY * this.slice) {
          told = this.shown
          this.o.onShown?.(this.shown)
        }
      }
      this.o.onShown?.(this.shown)
    } catch (e) {
      this.failure = e
    } finally {
      this.publishing = null
    }
  }

  private wanted(): boolean {
    return !this.stopped && this.failure === null && (this.o.stillWanted?.() ?? true)
  }

  private throwFailure(): void {
    if (this.failure !== null) throw this.failure
  }
}

/** While the publisher is behind, the view is told after this many slices (a 1000-line page). */
const TELL_EVERY = 4
