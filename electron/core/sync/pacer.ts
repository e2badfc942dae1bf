/**
 * How many list requests a sync may have in flight on one panel at a time.
 * One pacer per panel, shared by every target syncing on it.
 *
 * Why adaptive: a panel 400 ms away answers 4 pages in the time one takes, but
 * real panels rate-limit (nginx 503 above ~20 r/s per IP) and ban IPs that
 * flood them (403, docs/panel-api.md §3). So:
 * - the window starts at `aim` (default 4);
 * - on the first sign of strain (503, 403, a timeout) it drops to ONE, and no
 *   new request starts for a cool-down that doubles while strain goes on;
 * - it climbs back by one after `climbAfter` answers in a row without strain
 *   (slowly: a panel that pushed back once is not flooded again at once).
 * The client's token bucket (15 requests/s, api/rate-limit.ts) still spaces the
 * requests themselves; the window only bounds how many wait on the panel.
 */
import type { ErrorCode } from '../../shared/errors'
import { AppError } from '../errors'

/** Answers that mean "slow down": nginx rate limit / flood block, or a panel too busy to answer in time. */
export const STRAIN_CODES: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'IP_FORBIDDEN', 'TIMEOUT'])

export interface PacerOptions {
  /** Requests in flight when all is well (default 4). */
  aim?: number
  /** Answers without strain before the window grows by one (default 16). */
  climbAfter?: number
  /** First cool-down after strain, doubled while strain goes on (default 1000 ms, at most 16 s). */
  coolDownMs?: number
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export interface PacerStats {
  window: number
  inFlight: number
  /** The most requests that were in flight at once. */
  peak: number
  /** Times strain dropped the window to one. */
  strains: number
}

const MAX_COOL_DOWN_MS = 16_000

export class Pacer {
  private window: number
  private readonly aim: number
  private readonly climbAfter: number
  private readonly baseCoolDown: number
  private coolDown: number
  private calmUntil = 0
  private goodStreak = 0
  private inFlight = 0
  private peak = 0
  private strains = 0
  private waiters: (() => void)[] = []

  constructor(private readonly o: PacerOptions = {}) {
    this.aim = Math.max(1, o.aim ?? 4)
    this.window = this.aim
    this.climbAfter = Math.max(1, o.climbAfter ?? 16)
    this.baseCoolDown = o.coolDownMs ?? 1000
    this.coolDown = this.baseCoolDown
  }

  stats(): PacerStats {
    return { window: this.window, inFlight: this.inFlight, peak: this.peak, strains: this.strains }
  }

  /** A slot now, or null when the window is full or a cool-down runs. Release it with how the request went. */
  tryAcquire(): Slot | null {
    if (this.inFlight >= this.window || this.now() < this.calmUntil) return null
    this.inFlight++
    this.peak = Math.max(this.peak, this.inFlight)
    // Answers to requests sent before the last strain prove nothing about the panel now.
    const epoch = this.strains
    let released = false
    return {
      release: (error?: unknown) => {
        if (released) return
        released = true
        this.inFlight--
        const code = (error as { code?: ErrorCode } | null | undefined)?.code
        if (error === undefined) {
          if (epoch === this.strains) this.calm()
        }
        else if (code !== undefined && STRAIN_CODES.has(code)) this.strain()
        this.wake()
      },
    }
  }

  /** Waits for a slot (window room, cool-down over); a cancelled sync stops waiting. */
  async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'The sync was cancelled; the cached data was kept.')
      const slot = this.tryAcquire()
      if (slot) return slot
      const wait = this.calmUntil - this.now()
      if (wait > 0) await (this.o.sleep ?? sleep)(wait, signal)
      else await this.room(signal)
    }
  }

  /** Until a slot is released, or the sync is cancelled: a cancel (or the app closing) never waits on the panel. */
  private room(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done)
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve()
      }
      this.waiters.push(done)
      signal?.addEventListener('abort', done, { once: true })
    })
  }

  /** The panel pushed back: one request at a time, and a pause before the next. */
  strain(): void {
    this.strains++
    this.goodStreak = 0
    // Strain while already cooling down (the other requests that were in flight) counts once.
    if (this.now() >= this.calmUntil) {
      this.calmUntil = this.now() + this.coolDown
      this.coolDown = Math.min(MAX_COOL_DOWN_MS, this.coolDown * 2)
    }
    this.window = 1
  }

  private calm(): void {
    if (++this.goodStreak < this.climbAfter) return
    this.goodStreak = 0
    this.coolDown = this.baseCoolDown
    if (this.window < this.aim) this.window++
  }

  private now(): number {
    return (this.o.now ?? performance.now.bind(performance))()
  }

  private wake(): void {
    const ws = this.waiters
    this.waiters = []
    for (const w of ws) w()
  }
}

/** One request's place in the window. `release(error)`: undefined = answered well. */
export interface Slot {
  release(error?: unknown): void
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
