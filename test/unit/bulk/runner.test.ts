/**
 * The bulk run scheduler on its own, with a writer the test answers by hand:
 * what pause, cancel and a stop do to items that are waiting (for a worker or
 * for the panel's slot), what each answer makes of an item, and the progress
 * figures. The same run against the simulator is in bulk.test.ts and
 * bulk-trust.test.ts.
 */
import { describe, expect, test, vi } from 'vitest'
import type { BulkRun } from '../../../electron/shared/views'
import type { WriteResult } from '../../../electron/shared/writes'
import { AppError } from '../../../electron/core/errors'
import type { BulkJob, PlannedItem } from '../../../electron/core/bulk/plan'
import { Run } from '../../../electron/core/bulk/runner'
import { PanelSlots } from '../../../electron/core/bulk/slots'
import { waitFor } from '../../helpers/wait'

const planned = (n: number): PlannedItem[] =>
  Array.from({ length: n }, (_, i) => ({
    item: { key: `#${i + 1}`, label: `line${i + 1}`, cost: 5, state: 'queued' as const, reason: null, journalId: null, result: null },
    job: { op: 'extend', id: i + 1, packageId: 2, endUnlimited: false } as BulkJob,
  }))

interface Pending {
  id: number
  ok(res?: Partial<WriteResult>): void
  fail(e: unknown): void
}

/** A run whose writer waits for the test to answer each item. */
function start(o: { items?: PlannedItem[]; slots?: number; concurrency?: number; clock?: { ms: number } } = {}) {
  const pending: Pending[] = []
  const sent: number[] = []
  const progress: BulkRun[] = []
  const clock = o.clock ?? { ms: 1_000 }
  const run = new Run('r1', 'p1', o.items ?? planned(3), {
    slots: new PanelSlots(o.slots ?? 1),
    concurrency: o.concurrency ?? 2,
    now: () => clock.ms,
    onProgress: (s) => progress.push(s),
    write: (job) =>
      new Promise<WriteResult>((resolve, reject) => {
        const id = (job as { id: number }).id
        sent.push(id)
        pending.push({
          id,
          ok: (res = {}) => resolve({ journalId: 100 + id, cost: 5, balanceBefore: 50, balanceAfter: 45, item: { id }, extra: null, ...res }),
          fail: reject,
        })
      }),
  })
  /** The item now with the writer (waits for it to be handed over). */
  const next = () => waitFor('an item with the writer', () => pending.shift())
  return { run, sent, progress, clock, next }
}

const states = (run: Run) => run.snapshot().items.map((i) => i.state)

describe('pause, cancel and stop never send an item that was still waiting', () => {
  test('paused while an item waits for the slot: it is not sent until the run resumes', async () => {
    const { run, sent, next } = start({ items: planned(2) })
    const first = await next()
    // The second worker holds item 2 and waits for the panel's one slot.
    run.pause()
    first.ok()
    // Item 1's slot is handed to the waiting worker, which must see the pause and put the item back.
    await waitFor('item 1 recorded', () => run.snapshot().counts.succeeded === 1)
    await Promise.resolve()
    expect(sent).toEqual([1])
    expect(states(run)).toEqual(['succeeded', 'queued'])
    run.resume()
    ;(await next()).ok()
    await run.finished
    expect(sent).toEqual([1, 2])
    expect(run.snapshot()).toMatchObject({ state: 'done', counts: { succeeded: 2, pending: 0 } })
  })

  test('cancelled while an item waits for the slot: skipped, never sent; the one in flight is recorded', async () => {
    const { run, sent, next } = start({ items: planned(3) })
    const first = await next()
    run.cancel()
    first.ok()
    await run.finished
    expect(sent).toEqual([1])
    expect(run.snapshot()).toMatchObject({ state: 'cancelled', stoppedReason: null, counts: { succeeded: 1, skipped: 2, pending: 0 } })
    expect(run.snapshot().items.map((i) => i.reason)).toEqual([null, 'Cancelled before it was sent.', 'Cancelled before it was sent.'])
  })

  test('the first "not enough credits" stops the run and skips everything not yet sent', async () => {
    const { run, sent, next } = start({ items: planned(3), slots: 2 })
    const [a, b] = [await next(), await next()]
    a.fail(new AppError('INSUFFICIENT_CREDITS', 'STATUS_INSUFFICIENT_CREDITS'))
    await waitFor('the run to stop', () => run.state === 'stopped')
    b.ok()
    await run.finished
    expect(sent).toEqual([1, 2])
    const s = run.snapshot()
    expect(s).toMatchObject({ state: 'stopped', stoppedReason: 'Stopped: not enough credits (STATUS_INSUFFICIENT_CREDITS)', counts: { failed: 1, succeeded: 1, skipped: 1 } })
    expect(s.items[2]!.reason).toBe('Not sent: the run stopped because there were not enough credits.')
  })

  test('"not enough credits" for an item in flight when the user cancelled: the run stays cancelled', async () => {
    const { run, next } = start({ items: planned(2), slots: 2 })
    const [a, b] = [await next(), await next()]
    run.cancel()
    a.fail(new AppError('INSUFFICIENT_CREDITS', 'STATUS_INSUFFICIENT_CREDITS'))
    b.ok()
    await run.finished
    expect(run.snapshot()).toMatchObject({ state: 'cancelled', stoppedReason: null, counts: { failed: 1, succeeded: 1 } })
  })

  test('pause, resume and cancel only act on a run in the state they apply to', async () => {
    const { run, next } = start({ items: planned(1) })
    run.resume() // not paused: nothing to resume
    expect(run.state).toBe('running')
    ;(await next()).ok()
    await run.finished
    run.pause()
    run.resume()
    run.cancel()
    expect(run.snapshot()).toMatchObject({ state: 'done', counts: { succeeded: 1, skipped: 0 } })
    const paused = start({ items: planned(1) })
    paused.run.pause()
    paused.run.pause()
    paused.run.cancel()
    expect(paused.run.state).toBe('cancelled')
    paused.run.resume()
    expect(paused.run.state).toBe('cancelled')
  })
})

describe('what each answer makes of an item', () => {
  test('succeeded: the journal id and the item; a lost answer settled by reading says so', async () => {
    const { run, next } = start({ items: planned(2), concurrency: 1 })
    ;(await next()).ok()
    ;(await next()).ok({ item: { id: 2, username: 'b' }, extra: { reconciled: true } })
    await run.finished
    const [a, b] = run.snapshot().items
    expect(a).toMatchObject({ state: 'succeeded', journalId: 101, result: { id: 1 }, reason: null })
    expect(b).toMatchObject({ state: 'succeeded', journalId: 102, result: { id: 2, username: 'b', reconciled: true }, reason: 'Answer lost; the panel shows it was applied.' })
  })

  test('a write that answered nothing to show leaves no result', async () => {
    const { run, next } = start({ items: planned(1) })
    ;(await next()).ok({ item: null, extra: { reconciled: false } })
    await run.finished
    expect(run.snapshot().items[0]).toMatchObject({ state: 'succeeded', result: null, reason: null })
  })

  test('unknown stays unknown (never retried), failed is failed; the journal id travels in the error', async () => {
    const { run, next } = start({ items: planned(4), concurrency: 1 })
    ;(await next()).fail(new AppError('OUTCOME_UNKNOWN', 'The answer was lost.', { outcome: 'unknown', details: { journalId: 7 } }))
    ;(await next()).fail(new AppError('EXISTS_USERNAME', 'Taken.', { details: { journalId: 'x' } }))
    ;(await next()).fail(new Error('socket closed'))
    ;(await next()).fail('odd')
    await run.finished
    expect(run.snapshot().items.map(({ state, journalId, reason }) => ({ state, journalId, reason }))).toEqual([
      { state: 'unknown', journalId: 7, reason: 'The answer was lost.' },
      { state: 'failed', journalId: null, reason: 'Taken.' },
      { state: 'failed', journalId: null, reason: 'socket closed' },
      { state: 'failed', journalId: null, reason: 'Failed.' },
    ])
    expect(run.snapshot()).toMatchObject({ state: 'done', counts: { unknown: 1, failed: 3 } })
  })

  test('items left out at planning keep their state and reason and are never sent', async () => {
    const items = planned(2)
    items[0] = { item: { ...items[0]!.item, state: 'skipped', reason: 'Unlimited: left out.' }, job: null }
    items[1] = { item: { ...items[1]!.item, reason: 'stale' }, job: items[1]!.job }
    const { run, sent, next } = start({ items })
    expect(run.snapshot().items.map((i) => [i.state, i.reason])).toEqual([['skipped', 'Unlimited: left out.'], ['queued', null]])
    ;(await next()).ok()
    await run.finished
    expect(sent).toEqual([2])
  })

  test('a concurrency below one still runs one worker', async () => {
    const { run, next } = start({ items: planned(1), concurrency: 0 })
    ;(await next()).ok()
    await run.finished
    expect(run.state).toBe('done')
  })
})

describe('progress', () => {
  test('counts every state; the ETA is the time per completed item times what is pending, while active', async () => {
    const clock = { ms: 1_000 }
    const { run, next } = start({ items: planned(3), concurrency: 1, clock })
    expect(run.snapshot()).toMatchObject({ runId: 'r1', counts: { total: 3, pending: 3 }, etaMs: null })
    clock.ms += 400
    ;(await next()).ok()
    await waitFor('item 1 done', () => run.snapshot().counts.succeeded === 1)
    // 400 ms for one item, two left.
    expect(run.snapshot().etaMs).toBe(800)
    clock.ms += 200
    expect(run.snapshot().etaMs).toBe(1200)
    ;(await next()).ok()
    ;(await next()).ok()
    await run.finished
    expect(run.snapshot()).toMatchObject({ state: 'done', etaMs: null, counts: { total: 3, succeeded: 3, pending: 0 } })
  })

  test('a state change is reported at once; item updates at most every 100 ms, the last one still arrives', async () => {
    const clock = { ms: 1_000 }
    const { run, progress, next } = start({ items: planned(3), concurrency: 1, clock })
    expect(progress.at(-1)!.state).toBe('running')
    const before = progress.length
    ;(await next()).ok()
    await waitFor('item 2 with the writer', () => run.snapshot().items[1]!.state === 'running')
    // Same clock: item 1's result and item 2's start are held back...
    expect(progress.length).toBe(before)
    // ...and arrive once the 100 ms have passed (a trailing report).
    await waitFor('the trailing report', () => progress.length > before && progress.at(-1)!.items[1]!.state === 'running')
    clock.ms += 100
    const n = progress.length
    ;(await next()).ok()
    await waitFor('item 2 reported at once (100 ms since the last report)', () => progress.length > n)
    expect(progress.at(-1)!.counts.succeeded).toBe(2)
    run.pause()
    expect(progress.at(-1)!.state).toBe('paused')
    run.resume()
    ;(await next()).ok()
    await run.finished
    expect(progress.at(-1)).toMatchObject({ state: 'done', counts: { succeeded: 3 } })
    run.dispose()
  })
})

/** Real timers: the trailing report is a 100 ms timeout; this waits past it. */
const pastTrailing = () => new Promise((r) => setTimeout(r, 150))

describe('progress reports: state changes at once, item updates held to one per 100 ms', () => {
  test('start, pause, resume and cancel are each reported at once, whatever the clock', () => {
    const { run, progress } = start({ items: planned(2), clock: { ms: 0 } })
    expect(progress.map((p) => p.state)).toEqual(['running'])
    run.pause()
    run.resume()
    run.cancel()
    expect(progress.map((p) => p.state)).toEqual(['running', 'paused', 'running', 'cancelled'])
    run.dispose()
  })

  test('an item update 100 ms after the last report goes out at once', async () => {
    const clock = { ms: 1_000 }
    const { run, progress, next } = start({ items: planned(2), concurrency: 1, clock })
    const first = await next()
    await pastTrailing()
    clock.ms += 100
    first.ok()
    await waitFor('item 1 recorded', () => run.snapshot().counts.succeeded === 1)
    expect(progress.at(-1)!.counts.succeeded).toBe(1)
    run.cancel()
    ;(await next()).ok()
    await run.finished
    run.dispose()
  })

  test('held updates come as one trailing report; a forced report or dispose drops the held one', async () => {
    const clock = { ms: 1_000 }
    const { run, progress, next } = start({ items: planned(3), concurrency: 1, clock })
    ;(await next()).ok()
    await waitFor('item 2 with the writer', () => run.snapshot().items[1]!.state === 'running')
    await pastTrailing()
    const afterTrailing = progress.length
    // Item 1's result and item 2's start (two updates within 100 ms) arrived as one report.
    expect(progress.slice(1).filter((p) => p.counts.succeeded === 1)).toHaveLength(1)
    ;(await next()).ok()
    await waitFor('item 2 recorded', () => run.snapshot().counts.succeeded === 2)
    run.pause()
    await pastTrailing()
    // Only the pause: it carried item 2's result, the held report was dropped.
    expect(progress.slice(afterTrailing).map((p) => p.state)).toEqual(['paused'])
    run.resume()
    const n = progress.length
    await waitFor('item 3 with the writer', () => run.snapshot().items[2]!.state === 'running')
    run.dispose()
    await pastTrailing()
    expect(progress.length).toBe(n)
    run.cancel()
    ;(await next()).ok()
    await run.finished
  })

  test('dispose drops a held report for good (fake timers: the report is surely still held)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const flush = async () => {
        for (let i = 0; i < 20; i++) await Promise.resolve()
      }
      const { run, progress, next } = start({ items: planned(3), concurrency: 1 })
      await flush()
      ;(await next()).ok()
      await flush()
      // Item 1's result and item 2's start came within 100 ms (the clock stands still): held.
      const n = progress.length
      vi.advanceTimersByTime(150)
      expect(progress.length).toBe(n + 1)
      ;(await next()).ok()
      await flush()
      // Item 2's result and item 3's start: held again, and the run is disposed meanwhile.
      const held = progress.length
      run.dispose()
      vi.advanceTimersByTime(1_000)
      expect(progress.length).toBe(held)
      run.cancel()
      ;(await next()).ok()
      await run.finished
    } finally {
      vi.useRealTimers()
    }
  })

  test('the ETA holds while paused and is the mean time per completed item', async () => {
    const clock = { ms: 1_000 }
    const { run, next } = start({ items: planned(3), concurrency: 1, clock })
    clock.ms += 100
    ;(await next()).ok()
    clock.ms += 100
    ;(await next()).ok()
    await waitFor('two items done', () => run.snapshot().counts.succeeded === 2)
    // 200 ms for two items, one left.
    expect(run.snapshot().etaMs).toBe(100)
    run.pause()
    expect(run.snapshot().etaMs).toBe(100)
    run.cancel()
    ;(await next()).ok()
    await run.finished
    run.dispose()
  })
})
