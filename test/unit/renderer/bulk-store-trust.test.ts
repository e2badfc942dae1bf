// @vitest-environment happy-dom
/**
 * The bulk store's side of issue #11 §4: a double-clicked "Retry failed"
 * sends one request (the core refuses a second one too, test/unit/bulk/
 * bulk-trust.test.ts), and a cancelled run's bar shows what was sent, not a
 * full bar.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { BulkRun } from '../../../electron/shared/views'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useBulkStore } from '../../../src/stores/bulk'

beforeEach(() => {
  fake.current = createFakeXm()
  setActivePinia(createPinia())
})

async function finishedRun(counts: BulkRun['counts'], state: BulkRun['state']) {
  const bulk = useBulkStore()
  await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'extend', ids: [1, 2], packageId: 2 })
  await bulk.start()
  fake.current!.emit('bulk:progress', { ...bulk.run!, counts, state })
  return bulk
}

describe('bulk store', () => {
  it('a double-clicked "Retry failed" sends one retry', async () => {
    const bulk = await finishedRun({ total: 2, succeeded: 1, failed: 1, unknown: 0, pending: 0, skipped: 0 }, 'done')
    fake.current!.handlers['bulk:retryFailed'] = () => ({
      runId: 'run2', state: 'running', stoppedReason: null, counts: { total: 1, succeeded: 0, failed: 0, unknown: 0, pending: 1, skipped: 0 }, etaMs: null, items: [],
    })
    const held = fake.current!.hold('bulk:retryFailed')
    const first = bulk.control('retryFailed')
    const second = bulk.control('retryFailed')
    expect(bulk.controlling).toBe(true)
    held.release()
    await Promise.all([first, second])
    expect(fake.current!.callsOf('bulk:retryFailed')).toEqual([{ runId: 'run1' }])
    expect(bulk.run!.runId).toBe('run2')
    expect(bulk.controlling).toBe(false)
  })

  it('a cancelled run of 20 with 10 sent shows a half bar, a finished one a full bar', async () => {
    const bulk = await finishedRun({ total: 20, succeeded: 10, failed: 0, unknown: 0, pending: 0, skipped: 10 }, 'cancelled')
    expect(bulk.percent).toBe(50)
    fake.current!.emit('bulk:progress', { ...bulk.run!, counts: { total: 20, succeeded: 18, failed: 0, unknown: 0, pending: 0, skipped: 2 }, state: 'done' })
    expect(bulk.percent).toBe(100)
  })
})
