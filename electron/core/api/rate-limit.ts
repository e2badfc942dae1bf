/**
 * Per-client politeness: at most `maxConcurrent` requests in flight and a
 * token bucket of `ratePerSecond` (real panels allow 20 r/s per IP before nginx
 * answers 503, panel-api §3). Requests queue in FIFO order; none is dropped. A
 * caller's abort takes its request out of the queue (nothing was sent).
 */
import { TransportFault } from './transport'

export interface LimiterOptions {
  maxConcurrent: number
  /** Infinity (or 0) disables the bucket. */
  ratePerSecond: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

interface Waiter {
  resolve: (release: () => void) => void
  reject: (e: unknown) => void
  detach: () => void
}

export class Limiter {
  private active = 0
  private readonly queue: Waiter[] = []
  private tokens: number
  private last: number
  private pumping = false

  constructor(private readonly o: LimiterOptions) {
    this.tokens = Number.isFinite(o.ratePerSecond) && o.ratePerSecond > 0 ? Math.max(1, o.ratePerSecond) : Infinity
    this.last = o.now()
  }

  get inFlight(): number {
    return this.active
  }
  get queued(): number {
    return this.queue.length
  }

  /** Resolves with a release function once a slot and a token are free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new TransportFault('not-sent', 'CANCELLED'))
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter)
        if (i >= 0) this.queue.splice(i, 1)
        reject(new TransportFault('not-sent', 'CANCELLED'))
      }
      const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.queue.push(waiter)
      void this.pump()
    })
  }

  private release(): () => void {
    let done = false
    return () => {
      if (done) return
      done = true
      this.active--
      void this.pump()
    }
  }

  /** 0 when a token was taken, else the ms to wait for one. */
  private takeToken(force: boolean): number {
    if (this.tokens === Infinity) return 0
    const now = this.o.now()
    const rate = this.o.ratePerSecond
    this.tokens = Math.min(Math.max(1, rate), this.tokens + ((now - this.last) / 1000) * rate)
    this.last = now
    // After sleeping the computed wait, take the token even if the clock (an injected one) did not move.
    if (this.tokens >= 1 || force) {
      this.tokens = Math.max(0, this.tokens - 1)
      return 0
    }
    return Math.ceil(((1 - this.tokens) / rate) * 1000)
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      let slept = false
      while (this.queue.length > 0 && this.active < this.o.maxConcurrent) {
        const wait = this.takeToken(slept)
        if (wait > 0) {
          await this.o.sleep(wait)
          slept = true
          continue
        }
        slept = false
        const w = this.queue.shift()!
        w.detach()
        this.active++
        w.resolve(this.release())
      }
    } finally {
      this.pumping = false
    }
  }
}
