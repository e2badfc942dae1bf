// @vitest-environment happy-dom
/**
 * The sidebar balance follows the newest balance known: a write's answer, a
 * finished bulk run, the monitor's `credits:changed` — and an older summary
 * arriving late never puts the pre-spend balance back.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import type { CreditSummary } from '../../../electron/shared/views'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useBulkStore } from '../../../src/stores/bulk'
import { useCreditsStore } from '../../../src/stores/credits'
import { useWritesStore } from '../../../src/stores/writes'

beforeEach(() => {
  fake.current = createFakeXm({ credits: 488 })
  setActivePinia(createPinia())
})

const summary = (credits: number, updatedAt: number): CreditSummary[] => [
  { profileId: 'p1', name: 'Main', color: '#2080f0', credits, updatedAt, state: 'ok', burnPerDay: null, forecastDays: null, sparkline: [] },
]

describe('credits store', () => {
  it('takes every credits:changed event', async () => {
    const credits = useCreditsStore()
    await credits.load()
    expect(credits.byId.get('p1')?.credits).toBe(488)
    fake.current!.emit('credits:changed', summary(470, Date.now()))
    expect(credits.byId.get('p1')?.credits).toBe(470)
  })

  it('keeps a spend’s balance when an older summary arrives after it, and takes a newer one', async () => {
    const credits = useCreditsStore()
    await credits.load()
    const before = Date.now() - 1000
    await useWritesStore().write('lines', 'create', { profileId: 'p1', packageId: 1, trial: false })
    expect(credits.byId.get('p1')?.credits).toBe(483)
    // The monitor's summary from before the write (it polls another panel, or its read was under way).
    fake.current!.emit('credits:changed', summary(488, before))
    expect(credits.byId.get('p1')?.credits).toBe(483)
    fake.current!.emit('credits:changed', summary(480, Date.now() + 1000))
    expect(credits.byId.get('p1')?.credits).toBe(480)
  })

  it('re-reads the balances when a bulk run finishes', async () => {
    const credits = useCreditsStore()
    await credits.load()
    const bulk = useBulkStore()
    await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'extend', ids: [1, 2], packageId: 2 })
    await bulk.start()
    fake.current!.state.credits = 462 // what the panel holds after the run
    const loads = fake.current!.callsOf('credits:summary').length
    fake.current!.emit('bulk:progress', { ...bulk.run!, counts: { total: 2, succeeded: 2, failed: 0, unknown: 0, pending: 0, skipped: 0 }, state: 'done' })
    await flushPromises()
    expect(fake.current!.callsOf('credits:summary').length).toBe(loads + 1)
    expect(credits.byId.get('p1')?.credits).toBe(462)
  })

  it('asks for the newest balance after a spend whose answer carried none', async () => {
    const credits = useCreditsStore()
    await credits.load()
    const loads = fake.current!.callsOf('credits:summary').length
    fake.current!.state.balanceUnreadNext = true
    await useWritesStore().write('lines', 'create', { profileId: 'p1', packageId: 1, trial: false })
    await flushPromises()
    expect(fake.current!.callsOf('credits:summary').length).toBe(loads + 1)
    expect(credits.byId.get('p1')?.credits).toBe(483)
  })
})
