import { describe, expect, it } from 'vitest'
import { Limiter } from '../../../electron/core/api/rate-limit'
import { TransportFault } from '../../../electron/core/api/transport'

/** A clock that only moves when the limiter sleeps (after pending callbacks have run, like real time). */
function fakeTime() {
  let t = 1_000_000
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms)
        setImmediate(() => {
          t += ms
          resolve()
        })
      }),
    sleeps,
  }
}

describe('Limiter', () => {
  it('lets a burst of `rate` through, then spaces requests at 1/rate, in FIFO order', async () => {
    const time = fakeTime()
    const lim = new Limiter({ maxConcurrent: 100, ratePerSecond: 4, now: time.now, sleep: time.sleep })
    const order: number[] = []
    const at: number[] = []
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        lim.acquire().then((release) => {
          order.push(i)
          at.push(time.now())
          release()
        }),
      ),
    )
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    // 4 at once, then one every 250 ms.
    expect(at.slice(0, 4).every((x) => x === at[0])).toBe(true)
    expect(at.slice(4).map((x) => x - at[0]!)).toEqual([250, 500, 750, 1000, 1250, 1500])
    expect(time.sleeps.every((ms) => ms === 250)).toBe(true)
  })

  it('never has more than maxConcurrent in flight; queued ones start as others finish', async () => {
    const time = fakeTime()
    const lim = new Limiter({ maxConcurrent: 2, ratePerSecond: Infinity, now: time.now, sleep: time.sleep })
    const r1 = await lim.acquire()
    const r2 = await lim.acquire()
    let third = false
    const p3 = lim.acquire().then((r) => {
      third = true
      return r
    })
    await Promise.resolve()
    expect(lim.inFlight).toBe(2)
    expect(lim.queued).toBe(1)
    expect(third).toBe(false)
    r1()
    r1() // releasing twice frees one slot only
    const r3 = await p3
    expect(third).toBe(true)
    expect(lim.inFlight).toBe(2)
    r2()
    r3()
    expect(lim.inFlight).toBe(0)
  })

  it('an abort while queued removes the request (nothing sent) and the rest still run', async () => {
    const time = fakeTime()
    const lim = new Limiter({ maxConcurrent: 1, ratePerSecond: Infinity, now: time.now, sleep: time.sleep })
    const r1 = await lim.acquire()
    const ctrl = new AbortController()
    const p2 = lim.acquire(ctrl.signal)
    const p3 = lim.acquire()
    ctrl.abort()
    await expect(p2).rejects.toBeInstanceOf(TransportFault)
    await expect(p2).rejects.toMatchObject({ kind: 'not-sent', code: 'CANCELLED' })
    expect(lim.queued).toBe(1)
    r1()
    const r3 = await p3
    expect(lim.inFlight).toBe(1)
    r3()
    await expect(lim.acquire(AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('does not spin when an injected clock never moves', async () => {
    const lim = new Limiter({ maxConcurrent: 5, ratePerSecond: 1, now: () => 0, sleep: async () => {} })
    const releases = await Promise.all([lim.acquire(), lim.acquire(), lim.acquire()])
    expect(releases).toHaveLength(3)
  })
})
