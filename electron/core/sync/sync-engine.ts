/**
 * The sync engine: brings panels' lists into the cache.
 *
 * - one queue per panel, at most `perPanel` targets at a time on it (a panel
 *   allows ~20 requests/s per IP, and the client shares one rate limit per
 *   panel); panels run side by side;
 * - a target already queued or running is never queued twice (a page asking
 *   every second while a sync runs gets the same run);
 * - cancel aborts a panel's running requests and drops its queue; the cache
 *   keeps what it had;
 * - stale-while-revalidate: `refreshIfStale` queues a target only when its
 *   copy is stale or missing, the panel is enabled and has a key, and the last
 *   failure is not too recent (a panel that is down is not hammered).
 */
import type { PanelStatus } from '../../shared/views'
import { AppError, isAppError, redactSecrets } from '../errors'
import type { CoreContext } from '../ports'
import { freshnessOf, metaError } from './freshness'
import { PAGE_LIMITS } from './page-list'
import type { PanelStatusBoard } from './panel-status'
import { Pacer, type PacerOptions } from './pacer'
import { ProgressReporter } from './progress'
import { syncTarget } from './sync-target'
import { FULL_SYNC, type SyncTarget } from './targets'

export interface SyncEngineOptions {
  /** Targets running at once on one panel (default 2). */
  perPanel?: number
  /** Page sizes to try, largest first (default 1000, 250, 50). */
  pageLimits?: readonly number[]
  /** After a failed attempt, wait this long before a stale read triggers another (default 60 s). */
  retryAfterMs?: number
  /** Told of unexpected (non-AppError) failures, which the page only sees as INTERNAL. */
  log?: (msg: string) => void
  /** List requests in flight per panel and how they back off (pacer.ts; default aim 4). */
  pacing?: PacerOptions
}

interface Job {
  readonly profileId: string
  readonly target: SyncTarget
  readonly done: Promise<void>
  resolve(): void
  reject(e: AppError): void
  started: boolean
}

interface PanelQueue {
  controller: AbortController
  waiting: Job[]
  running: Set<Job>
}

export class SyncEngine {
  private readonly queues = new Map<string, PanelQueue>()
  private readonly lastFailureAt = new Map<string, number>()
  /** One request window per panel, kept across runs: a panel that pushed back stays paced down a while. */
  private readonly pacers = new Map<string, Pacer>()
  private readonly perPanel: number
  private readonly retryAfterMs: number
  private disposed = false

  constructor(
    private readonly ctx: CoreContext,
    private readonly board: PanelStatusBoard,
    private readonly opts: SyncEngineOptions = {},
  ) {
    this.perPanel = Math.max(1, opts.perPanel ?? 2)
    this.retryAfterMs = opts.retryAfterMs ?? 60_000
  }

  /**
   * Queue targets (default: a full sync) for panels (default: every enabled
   * panel with a key). Resolves nothing; progress comes as events. Returns how
   * many (panel, target) runs were newly queued.
   */
  run(req: { profileIds?: string[]; targets?: readonly SyncTarget[] } = {}): { started: number; done: Promise<void> } {
    const ids = req.profileIds ?? this.ctx.profiles.list().filter((p) => p.enabled && p.hasKey).map((p) => p.id)
    for (const id of ids) this.ctx.profiles.require(id)
    const targets = req.targets ?? FULL_SYNC
    let started = 0
    const all: Promise<void>[] = []
    for (const id of ids) {
      for (const t of targets) {
        const { job, fresh } = this.enqueue(id, t)
        if (fresh) started++
        all.push(job.done.catch(() => undefined))
      }
    }
    return { started, done: Promise.all(all).then(() => undefined) }
  }

  /** Sync one target now (or join the run already going) and wait for it; rejects with its error. Goes first in its panel's queue. */
  fetchNow(profileId: string, target: SyncTarget): Promise<void> {
    this.ctx.profiles.require(profileId)
    return this.enqueue(profileId, target, true).job.done
  }

  /** Queue a background refresh when the cached copy needs one. True when one was queued or is running. */
  refreshIfStale(profileId: string, target: SyncTarget): boolean {
    if (this.disposed) return false
    const p = this.ctx.profiles.get(profileId)
    if (!p || !p.enabled || !p.hasKey) return false
    if (this.find(profileId, target)) {
      this.toFront(profileId, target)
      return true
    }
    const now = this.ctx.now()
    const failedAt = this.lastFailureAt.get(key(profileId, target))
    if (failedAt !== undefined && now - failedAt < this.retryAfterMs) return false
    const meta = this.ctx.cache.getSyncMeta(profileId, target)
    const f = freshnessOf({ ...meta, pollMinutes: p.pollMinutes, now, lastCheck: this.board.lastCheck(profileId) })
    if (f === 'fresh') return false
    // A stale read comes from the view open now: its resource goes before the rest of a full sync.
    void this.enqueue(profileId, target, true).job.done.catch(() => undefined)
    return true
  }

  isBusy(profileId: string, target?: SyncTarget): boolean {
    const q = this.queues.get(profileId)
    if (!q) return false
    if (target === undefined) return q.running.size + q.waiting.length > 0
    return this.find(profileId, target) !== undefined
  }

  /** Stop a panel's sync (or every panel's). Cached data stays as it was. */
  cancel(profileId?: string): void {
    const ids = profileId === undefined ? [...this.queues.keys()] : [profileId]
    for (const id of ids) {
      const q = this.queues.get(id)
      if (!q) continue
      const waiting = q.waiting.splice(0)
      q.controller.abort()
      q.controller = new AbortController()
      for (const job of waiting) {
        new ProgressReporter(this.ctx.emit, this.ctx.now, id, job.target).cancelled()
        job.reject(new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.'))
      }
      this.dropIfIdle(id)
    }
  }

  /** The panel was removed: stop its work and forget it. */
  forget(profileId: string): void {
    this.cancel(profileId)
    for (const k of [...this.lastFailureAt.keys()]) if (k.startsWith(`${profileId}\u0000`)) this.lastFailureAt.delete(k)
    this.pacers.delete(profileId)
  }

  status(): PanelStatus[] {
    return this.ctx.profiles.list().map((p) => this.board.get(p.id))
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const jobs = [...this.queues.values()].flatMap((q) => [...q.running, ...q.waiting])
      if (jobs.length === 0) return
      await Promise.allSettled(jobs.map((j) => j.done))
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.cancel()
    await this.idle()
  }

  // ---------------------------------------------------------------------------

  /** `first`: the open view asked for it, so it goes before targets queued for a full sync. */
  private enqueue(profileId: string, target: SyncTarget, first = false): { job: Job; fresh: boolean } {
    if (this.disposed) throw new AppError('CANCELLED', 'The app is closing; nothing more is synced.')
    const existing = this.find(profileId, target)
    if (existing) {
      if (first) this.toFront(profileId, target)
      return { job: existing, fresh: false }
    }
    let resolve!: () => void
    let reject!: (e: AppError) => void
    const done = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    // Nobody may be listening (a background refresh): never an unhandled rejection.
    done.catch(() => undefined)
    const job: Job = { profileId, target, done, resolve, reject, started: false }
    const q = this.queue(profileId)
    if (first) q.waiting.unshift(job)
    else q.waiting.push(job)
    this.pump(profileId)
    return { job, fresh: true }
  }

  /** A waiting target moves to the head of its panel's queue (a running one is already on its way). */
  private toFront(profileId: string, target: SyncTarget): void {
    const q = this.queues.get(profileId)
    const i = q?.waiting.findIndex((j) => j.target === target) ?? -1
    if (!q || i <= 0) return
    const [job] = q.waiting.splice(i, 1)
    q.waiting.unshift(job as Job)
  }

  private find(profileId: string, target: SyncTarget): Job | undefined {
    const q = this.queues.get(profileId)
    if (!q) return undefined
    for (const j of q.running) if (j.target === target) return j
    return q.waiting.find((j) => j.target === target)
  }

  private queue(profileId: string): PanelQueue {
    let q = this.queues.get(profileId)
    if (!q) {
      q = { controller: new AbortController(), waiting: [], running: new Set() }
      this.queues.set(profileId, q)
    }
    return q
  }

  private pump(profileId: string): void {
    const q = this.queues.get(profileId)
    if (!q) return
    while (q.running.size < this.perPanel && q.waiting.length > 0) {
      const job = q.waiting.shift() as Job
      q.running.add(job)
      void this.execute(job, q.controller.signal).finally(() => {
        q.running.delete(job)
        this.pump(profileId)
        this.dropIfIdle(profileId)
      })
    }
  }

  private dropIfIdle(profileId: string): void {
    const q = this.queues.get(profileId)
    if (q && q.running.size === 0 && q.waiting.length === 0) this.queues.delete(profileId)
  }

  private async execute(job: Job, signal: AbortSignal): Promise<void> {
    const { profileId, target } = job
    const progress = new ProgressReporter(this.ctx.emit, this.ctx.now, profileId, target)
    this.board.syncStarted(profileId)
    progress.started()
    let succeededAt: number | null = null
    try {
      const client = this.ctx.clients.forProfile(profileId)
      const outcome = await syncTarget(this.ctx, client, profileId, target, {
        signal,
        limits: this.opts.pageLimits ?? PAGE_LIMITS,
        onPage: (r) => progress.page(r),
        onAnswer: () => this.board.answered(profileId),
        stillWanted: () => !signal.aborted && this.ctx.profiles.get(profileId) !== undefined,
        pacer: this.pacer(profileId),
        // A first sync shows rows as they come: the open view re-queries (and says "still syncing").
        onShown: () => this.ctx.emit('cache:changed', { profileId, resource: target }),
      })
      succeededAt = this.ctx.now()
      this.lastFailureAt.delete(key(profileId, target))
      this.board.targetSettled(profileId, target, null)
      if (outcome.warning) this.board.answered(profileId, outcome.warning)
      this.ctx.emit('cache:changed', { profileId, resource: target })
      progress.done(outcome.rows, outcome.warning)
      job.resolve()
    } catch (e) {
      if (!isAppError(e)) this.opts.log?.(`sync ${target} failed unexpectedly: ${describe(e)}`)
      const err = asAppError(e)
      if (err.code === 'CANCELLED' || signal.aborted) {
        progress.cancelled()
        job.reject(err.code === 'CANCELLED' ? err : new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.'))
      } else {
        this.lastFailureAt.set(key(profileId, target), this.ctx.now())
        this.recordFailure(profileId, target, err)
        progress.failed({ code: err.code, message: err.message })
        job.reject(err)
      }
    } finally {
      this.board.syncEnded(profileId, succeededAt)
    }
  }

  /** The panel's request window (pacer.ts). */
  pacer(profileId: string): Pacer {
    let p = this.pacers.get(profileId)
    if (!p) {
      p = new Pacer(this.opts.pacing)
      this.pacers.set(profileId, p)
    }
    return p
  }

  private recordFailure(profileId: string, target: SyncTarget, err: AppError): void {
    this.board.failed(profileId, { code: err.code, message: err.message })
    this.board.targetSettled(profileId, target, { code: err.code, message: err.message })
    if (!this.ctx.profiles.get(profileId)) return
    try {
      // The previous copy and its syncedAt stay; only the error is noted.
      this.ctx.cache.setSyncMeta(profileId, target, { error: metaError(err.code, err.message) })
    } catch {
      // The failure is still reported by the progress event and the panel status.
    }
  }
}

const key = (profileId: string, target: SyncTarget) => `${profileId}\u0000${target}`

const describe = (e: unknown) => redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))

function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e.message === redactSecrets(e.message) ? e : new AppError(e.code, redactSecrets(e.message), { details: e.details })
  return new AppError('INTERNAL', 'The sync failed unexpectedly inside the app; the cached data was kept.')
}
