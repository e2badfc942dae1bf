/**
 * A hand-rolled clock + timers for the credit monitor: time moves only when a
 * test says so, and due timers fire in order. After each timer, `settle` is
 * awaited (e.g. `monitor.idle()`), so a poll that talks to the real simulator
 * over HTTP finishes — and schedules its successor — before time moves on.
 * No real waiting: an hour of monitoring runs in milliseconds.
 */
import type { Timers } from '../../../electron/core/monitor'

interface Pending {
  id: number
  at: number
  fn: () => void
}

export class FakeClock implements Timers {
  private t: number
  private seq = 0
  private pending: Pending[] = []
  /** Every delay ever requested, in order (for backoff assertions). */
  readonly requested: number[] = []

  constructor(start = Date.UTC(2026, 2, 1, 12, 0, 0)) {
    this.t = start
  }

  readonly now = (): number => this.t

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq
    this.requested.push(ms)
    this.pending.push({ id, at: this.t + Math.max(0, ms), fn })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle)
  }

  /** Timers waiting to fire. */
  get size(): number {
    return this.pending.length
  }

  nextAt(): number | null {
    return this.pending.length === 0 ? null : Math.min(...this.pending.map((p) => p.at))
  }

  /** Move time forward by `ms`, firing every timer that falls due, in order, settling after each. */
  async advance(ms: number, settle: () => Promise<void> = async () => {}): Promise<void> {
    const end = this.t + ms
    await settle()
    for (;;) {
      const next = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0]
      if (!next) break
      this.pending = this.pending.filter((p) => p !== next)
      this.t = next.at
      next.fn()
      await settle()
    }
    this.t = end
  }
}
