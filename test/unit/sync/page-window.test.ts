/**
 * Pipelined paging (issue #14): several pages in flight per panel once the count
 * is known, the pacer's back-off on strain, exact progress, clamped pages.
 * A fake panel whose answers come when the test says; a fake clock and sleep for
 * the pacer, so nothing here depends on timing.
 */
import { describe, expect, it } from 'vitest'
import type { ListResult } from '../../../electron/core/api/normalise/list'
import { AppError } from '../../../electron/core/errors'
import { Pacer } from '../../../electron/core/sync/pacer'
import { pageList, type PageReport } from '../../../electron/core/sync/page-list'

interface Row {
  id: number
}
const rows = (n: number, from = 1): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i }))
const flush = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r))
}

/** A panel of `n` rows; each request waits until answered (or failed) by the test. */
function heldPanel(n: number, o: { clamp?: number } = {}) {
  const all = rows(n)
  const held: { start: number; limit: number; answer(): void; fail(e: AppError): void }[] = []
  let inFlight = 0
  let peak = 0
  let aborted = 0
  const fetch = (start: number, limit: number, signal?: AbortSignal) =>
    new Promise<ListResult<Row>>((resolve, reject) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      const settle = () => {
        inFlight--
        held.splice(held.indexOf(entry), 1)
      }
      const entry = {
        start,
        limit,
        answer: () => {
          settle()
          resolve({ rows: all.slice(start, start + Math.min(limit, o.clamp ?? 1000)), total: n, skipped: 0 })
        },
        fail: (e: AppError) => {
          settle()
          reject(e)
        },
      }
      held.push(entry)
      // As the client does: a request whose signal aborts ends at once, CANCELLED.
      signal?.addEventListener('abort', () => {
        if (!held.includes(entry)) return
        aborted++
        entry.fail(new AppError('CANCELLED', 'cancelled'))
      })
    })
  return { fetch, held, peak: () => peak, inFlight: () => inFlight, aborted: () => aborted }
}

/** A pacer on a clock the test moves; its cool-down sleeps until the test ends them. */
function testPacer(o: { aim?: number; climbAfter?: number } = {}) {
  let now = 0
  const sleeps: { ms: number; wake(): void }[] = []
  const pacer = new Pacer({
    ...o,
    coolDownMs: 1000,
    now: () => now,
    sleep: (ms) => new Promise<void>((r) => sleeps.push({ ms, wake: r })),
  })
  const endCoolDown = async () => {
    const s = sleeps.shift()
    if (!s) throw new Error('no cool-down is waiting')
    now += s.ms
    s.wake()
    await flush()
  }
  return { pacer, sleeps, endCoolDown }
}

describe('pipelined paging', () => {
  it('keeps four pages in flight once the count is known, never more; answers in any order; progress exact', async () => {
    const panel = heldPanel(9500)
    const { pacer } = testPacer()
    const reports: PageReport[] = []
    const done = pageList(panel.fetch, { pacer, onPage: (r) => reports.push(r) })
    await flush()
    expect(panel.held.map((h) => h.start)).toEqual([0]) // the first page alone: it brings the count
    panel.held[0]!.answer()
    await flush()
    expect(panel.held.map((h) => h.start)).toEqual([1000, 2000, 3000, 4000])
    // Answer the newest first: the window refills from the lowest offset still to read.
    panel.held[3]!.answer()
    await flush()
    expect(panel.held.map((h) => h.start)).toEqual([1000, 2000, 3000, 5000])
    while (panel.held.length > 0) {
      panel.held[panel.held.length - 1]!.answer()
      await flush()
    }
    const pass = await done
    expect(pass.rows).toHaveLength(9500)
    expect(new Set(pass.rows.map((r) => r.id)).size).toBe(9500)
    expect(panel.peak()).toBe(4)
    expect(pacer.stats()).toMatchObject({ peak: 4, inFlight: 0, strains: 0 })
    // Exact progress: rows only grow, one report per page, the last one is the whole list.
    expect(reports.map((r) => r.received)).toEqual([...reports.map((r) => r.received)].sort((a, b) => a - b))
    expect(reports).toHaveLength(10)
    expect(reports[reports.length - 1]).toEqual({ pages: 10, pagesTotal: 10, received: 9500, total: 9500 })
  })

  it('on a timeout: one page in flight, a cool-down before the next request, then climbs back one at a time', async () => {
    const panel = heldPanel(30_000)
    const { pacer, sleeps, endCoolDown } = testPacer({ climbAfter: 2 })
    const done = pageList(panel.fetch, { pacer })
    await flush()
    panel.held[0]!.answer()
    await flush()
    expect(panel.held).toHaveLength(4)
    panel.held[0]!.fail(new AppError('TIMEOUT', 'The panel did not answer in time.'))
    await flush()
    expect(pacer.stats()).toMatchObject({ window: 1, strains: 1 })
    // The three still out may finish; nothing new leaves during the cool-down.
    for (const h of [...panel.held]) h.answer()
    await flush()
    expect(panel.held).toHaveLength(0)
    expect(sleeps.map((s) => s.ms)).toEqual([1000])
    await endCoolDown()
    // One at a time now, and at a smaller page size (a timeout may be PHP running out of time).
    expect(panel.held.map((h) => h.limit)).toEqual([250])
    panel.held[0]!.answer()
    await flush()
    expect(panel.held).toHaveLength(1)
    panel.held[0]!.answer()
    await flush()
    // Two calm answers (climbAfter 2): the window grows by one.
    expect(pacer.stats().window).toBe(2)
    expect(panel.held).toHaveLength(2)
    while (panel.held.length > 0) {
      panel.held[0]!.answer()
      await flush()
    }
    const pass = await done
    expect(pass.unique).toBe(30_000)
    expect(pacer.stats().window).toBe(4)
  })

  it('a 503 or 403 ends the pass and leaves the panel paced down for the next target', async () => {
    for (const code of ['RATE_LIMITED', 'IP_FORBIDDEN'] as const) {
      const panel = heldPanel(5000)
      const { pacer, sleeps } = testPacer()
      const done = pageList(panel.fetch, { pacer })
      await flush()
      panel.held[0]!.answer()
      await flush()
      panel.held[1]!.fail(new AppError(code, 'slow down'))
      await expect(done).rejects.toMatchObject({ code })
      expect(pacer.stats()).toMatchObject({ window: 1, strains: 1 })
      // The next target on this panel waits out the cool-down before its first request.
      const next = pageList(panel.fetch, { pacer })
      await flush()
      expect(sleeps.length).toBe(1)
      for (const h of [...panel.held]) h.answer()
      void next.catch(() => undefined)
    }
  })

  it('a pass that fails stops its other pages in flight: they neither keep retrying nor hold the panel\'s window', async () => {
    const panel = heldPanel(9500)
    const { pacer } = testPacer()
    const done = pageList(panel.fetch, { pacer })
    await flush()
    panel.held[0]!.answer()
    await flush()
    expect(panel.held).toHaveLength(4)
    panel.held[0]!.fail(new AppError('AUTH_INVALID', 'the key was revoked'))
    await expect(done).rejects.toMatchObject({ code: 'AUTH_INVALID' })
    await flush()
    // The three still out were called off (a read: nothing spent), and gave their slots back.
    expect(panel.aborted()).toBe(3)
    expect(panel.held).toHaveLength(0)
    expect(pacer.stats()).toMatchObject({ inFlight: 0, strains: 0 })
  })

  it('a pass whose sink fails calls off the page it had already asked for', async () => {
    const panel = heldPanel(9500)
    const boom = new Error('disk full')
    const done = pageList(panel.fetch, { limits: [1000], onRows: () => { throw boom } })
    await flush()
    panel.held[0]!.answer()
    await expect(done).rejects.toBe(boom)
    await flush()
    expect(panel.held).toHaveLength(0)
  })

  it('a sync waiting for room in the panel\'s window stops waiting when it is cancelled', async () => {
    const pacer = new Pacer({ aim: 1 })
    const slot = pacer.tryAcquire()
    expect(slot).not.toBeNull()
    const ctrl = new AbortController()
    const waiting = pacer.acquire(ctrl.signal).then(() => 'got a slot', (e: AppError) => e.code)
    await flush()
    ctrl.abort()
    // Without a release of the slot held above: cancel (or the app closing) must not wait for the panel.
    expect(await Promise.race([waiting, flush().then(() => 'still waiting')])).toBe('CANCELLED')
    slot!.release()
    expect(pacer.stats().inFlight).toBe(0)
  })

  it('with a count, a page the panel clamps mid-pass does not end the pass: the rest of its range is read', async () => {
    const all = rows(4200)
    const asked: [number, number][] = []
    let clamp = 1000
    const fetch = async (start: number, limit: number): Promise<ListResult<Row>> => {
      asked.push([start, limit])
      const page = { rows: all.slice(start, start + Math.min(limit, clamp)), total: all.length, skipped: 0 }
      clamp = 300 // from the second request on, the panel sends at most 300 rows a page
      return page
    }
    const pass = await pageList(fetch, { pacer: new Pacer() })
    expect(pass.unique).toBe(4200)
    expect(pass.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(all.map((r) => r.id))
    // The short page at 1000 left 1300..2000 to read; later pages ask for the 300 the panel sends.
    expect(asked.slice(0, 5)).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
      [3000, 1000],
      [4000, 1000],
    ])
    expect(asked.slice(5).every(([, l]) => l <= 300)).toBe(true)
    // No row is read twice: the rows the answers brought never overlap.
    const covered = asked.flatMap(([s, l]) => Array.from({ length: Math.min(l, s === 0 ? 1000 : 300, 4200 - s) }, (_, i) => s + i))
    expect(covered).toHaveLength(4200)
    expect(new Set(covered).size).toBe(4200)
    expect(asked.map(([s]) => s)).toEqual(expect.arrayContaining([1300, 1600, 1900, 2300, 3300]))
  })
})
