/**
 * `sync:progress` payloads for one target of one panel: pages and rows so far,
 * the expected totals when the panel sends a count, and an ETA from the rate
 * seen so far (null until there is a rate and a total to aim at).
 */
import type { ErrorCode } from '../../shared/errors'
import type { SyncProgress } from '../../shared/views'
import type { Clock, Emit } from '../ports'
import type { PageReport } from './page-list'
import type { SyncTarget } from './targets'

export class ProgressReporter {
  private readonly startedAt: number
  private last: PageReport = { pages: 0, pagesTotal: null, received: 0, total: null }

  constructor(
    private readonly emit: Emit,
    private readonly now: Clock,
    private readonly profileId: string,
    private readonly resource: SyncTarget,
  ) {
    this.startedAt = now()
  }

  started(): void {
    this.send('running', null)
  }

  page(r: PageReport): void {
    this.last = r
    this.send('running', null)
  }

  /** `warning`: finished, but something is worth telling (rows the app could not read). */
  done(rows: number, warning: { code: ErrorCode; message: string } | null = null): void {
    this.last = { ...this.last, received: rows, pagesTotal: this.last.pages, total: this.last.total ?? rows }
    this.send('done', warning)
  }

  failed(error: { code: ErrorCode; message: string }): void {
    this.send('failed', error)
  }

  cancelled(): void {
    this.send('cancelled', { code: 'CANCELLED', message: 'The sync was cancelled; the cached data was kept.' })
  }

  private send(state: SyncProgress['state'], error: SyncProgress['error']): void {
    const { pages, pagesTotal, received, total } = this.last
    this.emit('sync:progress', {
      profileId: this.profileId,
      resource: this.resource,
      pages,
      pagesTotal,
      rows: received,
      rowsTotal: total,
      etaMs: state === 'running' ? this.eta(received, total) : state === 'done' ? 0 : null,
      state,
      error,
    })
  }

  private eta(received: number, total: number | null): number | null {
    const elapsed = this.now() - this.startedAt
    if (total === null || received <= 0 || elapsed <= 0) return null
    const remaining = Math.max(0, total - received)
    return Math.round((remaining * elapsed) / received)
  }
}
