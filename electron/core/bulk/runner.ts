/**
 * One bulk run: items go through executeWrite (so each is journaled with the
 * run id), at most N at a time per panel. Pause stops taking new items; cancel
 * sends nothing further (in-flight items finish and are recorded); the FIRST
 * "not enough credits" stops the run — nothing after it is sent. An unknown
 * outcome is never retried; only certainly-failed items can be retried, as a
 * new run, when the user asks.
 */
import type { BulkItem, BulkRun } from '../../shared/views'
import type { WriteResult } from '../../shared/writes'
import { isAppError } from '../errors'
import type { BulkJob, PlannedItem } from './plan'
import type { PanelSlots } from './slots'

export type ItemWriter = (job: BulkJob, runId: string) => Promise<WriteResult>

export interface RunDeps {
  slots: PanelSlots
  concurrency: number
  write: ItemWriter
  now: () => number
  onProgress: (run: BulkRun) => void
}

interface RunItem {
  item: BulkItem
  job: BulkJob | null
}

const PROGRESS_EVERY_MS = 100

export class Run {
  readonly runId: string
  readonly profileId: string
  state: BulkRun['state'] = 'running'
  stoppedReason: string | null = null
  /** The run that re-sent this run's failed items (they are handed out once). */
  retriedBy: string | null = null
  readonly items: RunItem[]
  /** Settles when every worker has finished (the run is done, cancelled or stopped). */
  readonly finished: Promise<void>
  private readonly startedAt: number
  private completed = 0
  /** Items a worker has taken and is waiting on a panel slot for: still 'queued', so cancel or stop skips them. */
  private readonly claimed = new Set<RunItem>()
  private wake: (() => void)[] = []
  private lastEmit = 0
  private trailing: ReturnType<typeof setTimeout> | null = null

  constructor(
    runId: string,
    profileId: string,
    planned: readonly PlannedItem[],
    private readonly deps: RunDeps,
  ) {
    this.runId = runId
    this.profileId = profileId
    this.items = planned.map((p) => ({ item: { ...p.item, state: p.job ? 'queued' : p.item.state, reason: p.job ? null : p.item.reason }, job: p.job }))
    this.startedAt = deps.now()
    const workers = Array.from({ length: Math.max(1, deps.concurrency) }, () => this.worker())
    this.finished = Promise.all(workers).then(() => {
      // Stryker disable next-line ConditionalExpression,StringLiteral: 'paused' is reachable only by a pause in the microtask between the last worker's return and this callback; no test can time it.
      if (this.state === 'running' || this.state === 'paused') this.state = 'done'
      this.emit(true)
    })
    this.emit(true)
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused'
    this.emit(true)
  }

  resume(): void {
    if (this.state === 'paused') this.state = 'running'
    this.wakeAll()
    this.emit(true)
  }

  cancel(): void {
    if (this.state === 'running' || this.state === 'paused') {
      this.state = 'cancelled'
      this.skipQueued('Cancelled before it was sent.')
    }
    this.wakeAll()
    this.emit(true)
  }

  snapshot(): BulkRun {
    const counts = { total: this.items.length, succeeded: 0, failed: 0, unknown: 0, pending: 0, skipped: 0 }
    for (const { item } of this.items) {
      if (item.state === 'succeeded') counts.succeeded++
      else if (item.state === 'failed') counts.failed++
      else if (item.state === 'unknown') counts.unknown++
      else if (item.state === 'skipped') counts.skipped++
      else counts.pending++
    }
    const active = this.state === 'running' || this.state === 'paused'
    const elapsed = this.deps.now() - this.startedAt
    const etaMs = active && this.completed > 0 ? Math.round((elapsed / this.completed) * counts.pending) : null
    return {
      runId: this.runId,
      state: this.state,
      stoppedReason: this.stoppedReason,
      counts,
      etaMs,
      items: this.items.map((r) => ({ ...r.item })),
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      while (this.state === 'paused') await new Promise<void>((r) => this.wake.push(r))
      // Stryker disable next-line ConditionalExpression: equivalent, cancel and stop skip every queued item, so a run not running finds no next item below either.
      if (this.state !== 'running') return
      const next = this.items.find((r) => r.item.state === 'queued' && r.job && !this.claimed.has(r))
      if (!next || !next.job) return
      // While it waits for a slot (another run on this panel may hold them) the item stays 'queued':
      // a cancel or a stop in the meantime marks it skipped, and it is then never sent.
      this.claimed.add(next)
      const release = await this.deps.slots.acquire(this.profileId)
      this.claimed.delete(next)
      try {
        // Stryker disable next-line ConditionalExpression: the item check is equivalent (only skipQueued unqueues a claimed item, and only when the state leaves 'running'); the line's state check is the one runner-slots.test.ts exercises.
        if (this.state !== 'running' || next.item.state !== 'queued') continue
        next.item.state = 'running'
        this.emit(false)
        await this.runItem(next, next.job)
      } finally {
        release()
      }
    }
  }

  private async runItem(r: RunItem, job: BulkJob): Promise<void> {
    try {
      const res = await this.deps.write(job, this.runId)
      r.item.state = 'succeeded'
      r.item.journalId = res.journalId
      r.item.result = res.item ? { ...res.item, ...(res.extra?.reconciled ? { reconciled: true } : {}) } : null
      r.item.reason = res.extra?.reconciled ? 'Answer lost; the panel shows it was applied.' : null
    } catch (e) {
      const journalId = isAppError(e) && typeof e.details?.journalId === 'number' ? e.details.journalId : null
      r.item.journalId = journalId
      r.item.state = isAppError(e) && e.outcome === 'unknown' ? 'unknown' : 'failed'
      r.item.reason = e instanceof Error ? e.message : 'Failed.'
      if (isAppError(e) && e.code === 'INSUFFICIENT_CREDITS' && this.state !== 'cancelled') {
        this.state = 'stopped'
        this.stoppedReason = `Stopped: not enough credits (${e.message})`
        this.skipQueued('Not sent: the run stopped because there were not enough credits.')
      }
    } finally {
      this.completed++
      this.emit(false)
    }
  }

  private skipQueued(reason: string): void {
    for (const { item } of this.items) {
      if (item.state === 'queued') {
        item.state = 'skipped'
        item.reason = reason
      }
    }
  }

  private wakeAll(): void {
    const w = this.wake
    this.wake = []
    for (const f of w) f()
  }

  /** Progress at most every 100 ms (a 1000-item run would otherwise flood the page), always on state changes. */
  private emit(force: boolean): void {
    const now = this.deps.now()
    if (force || now - this.lastEmit >= PROGRESS_EVERY_MS) {
      clearTimeout(this.trailing ?? undefined)
      this.trailing = null
      this.lastEmit = now
      this.deps.onProgress(this.snapshot())
      return
    }
    if (!this.trailing) {
      this.trailing = setTimeout(() => {
        this.trailing = null
        this.lastEmit = this.deps.now()
        this.deps.onProgress(this.snapshot())
      }, PROGRESS_EVERY_MS)
      // Stryker disable next-line OptionalChaining: equivalent in Node and Electron's main process, whose timers always have unref.
      this.trailing.unref?.()
    }
  }

  dispose(): void {
    clearTimeout(this.trailing ?? undefined)
    this.trailing = null
  }
}
