// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useBulkStore } from '../../../src/stores/bulk'
import { useJournalStore } from '../../../src/stores/journal'
import { useSyncStore } from '../../../src/stores/sync'
import { useCreditsStore } from '../../../src/stores/credits'
import { useProfilesStore } from '../../../src/stores/profiles'

beforeEach(() => {
  fake.current = createFakeXm()
  setActivePinia(createPinia())
})

describe('bulk store', () => {
  it('plans, starts ONCE however often it is clicked, and follows bulk:progress', async () => {
    const bulk = useBulkStore()
    const plan = await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'extend', ids: [1, 2], packageId: 2 })
    expect(plan).toMatchObject({ totalCost: 26, enough: true })
    await Promise.all([bulk.start(), bulk.start()])
    expect(fake.current!.callsOf('bulk:start')).toEqual([{ planId: 'plan1' }])
    fake.current!.emit('bulk:progress', { ...bulk.run!, counts: { total: 2, succeeded: 2, failed: 0, unknown: 0, pending: 0, skipped: 0 }, state: 'done' })
    expect(bulk.finished).toBe(true)
    expect(bulk.percent).toBe(100)
  })

  it("a plan's balance after follows the panel's rule: intval'd balance, enough = cost <= intval(balance) (panel-api §7)", async () => {
    fake.current!.state.credits = 26.5
    const bulk = useBulkStore()
    expect(await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'extend', ids: [1, 2], packageId: 2 })).toMatchObject({ totalCost: 26, enough: true, balanceAfter: 0 })
    fake.current!.state.credits = 25.9
    expect(await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'extend', ids: [1, 2], packageId: 2 })).toMatchObject({ totalCost: 26, enough: false, balanceAfter: -1 })
  })

  it('ignores progress of another run', async () => {
    const bulk = useBulkStore()
    await bulk.makePlan({ profileId: 'p1', resource: 'lines', operation: 'disable', ids: [1] })
    await bulk.start()
    fake.current!.emit('bulk:progress', { ...bulk.run!, runId: 'other', state: 'done' })
    expect(bulk.run!.state).toBe('running')
    await bulk.control('pause')
    expect(fake.current!.callsOf('bulk:pause')).toEqual([{ runId: 'run1' }])
    expect(bulk.run!.state).toBe('paused')
  })
})

describe('journal store', () => {
  it('sends the panel, action, outcome and date filters and pages', async () => {
    const j = useJournalStore()
    j.profileIds = ['p1']
    j.outcomes = ['unknown']
    j.range = [1000, 2000]
    await j.applyFilters()
    await j.setPage(3)
    expect(fake.current!.callsOf('journal:query').at(-1)).toEqual({ profileIds: ['p1'], outcomes: ['unknown'], from: 1000, to: 2000, offset: 100, limit: 50 })
  })
})

describe('sync, credits and profiles stores', () => {
  it('tracks progress and connectivity from events, and totals rows for the status bar', () => {
    const sync = useSyncStore()
    fake.current!.emit('sync:progress', { profileId: 'p1', resource: 'lines', pages: 1, pagesTotal: 4, rows: 250, rowsTotal: 1000, etaMs: 3000, state: 'running', error: null })
    expect(sync.syncing).toBe(true)
    expect(sync.totals).toMatchObject({ rows: 250, rowsTotal: 1000, percent: 25, etaMs: 3000 })
    fake.current!.emit('panel:status', { profileId: 'p1', reachable: false, lastError: null, checkedAt: 1, syncing: false, lastSyncAt: 5 })
    expect(sync.offline).toHaveLength(1)
    expect(sync.lastSyncAt).toBe(5)
  })

  it('replaces balances on credits:changed', async () => {
    const credits = useCreditsStore()
    await credits.load()
    fake.current!.emit('credits:changed', [{ profileId: 'p1', name: 'Main', color: '#000000', credits: 7, updatedAt: 1, state: 'critical', burnPerDay: 1, forecastDays: 7, sparkline: [9, 8, 7] }])
    expect(credits.byId.get('p1')).toMatchObject({ credits: 7, state: 'critical' })
  })

  it('stores a key write-only: the page keeps only hasKey and the hint', async () => {
    const profiles = useProfilesStore()
    await profiles.load()
    await profiles.setKey('p1', '0123456789abcdef0123456789abcdef')
    const p = profiles.byId.get('p1')!
    expect(p).toMatchObject({ hasKey: true, keyHint: 'cdef' })
    expect(JSON.stringify(profiles.$state)).not.toContain('0123456789abcdef0123456789abcdef')
  })
})
