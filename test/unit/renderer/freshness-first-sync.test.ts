// @vitest-environment happy-dom
/** Issue #14: a never-synced panel's view says how far its first sync is, while rows already show. */
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { freshPinia } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import FreshnessBanner from '../../../src/components/table/FreshnessBanner.vue'
import { useSyncStore } from '../../../src/stores/sync'

const never = [{ profileId: 'p1', syncedAt: null, freshness: 'never' as const, error: null }]
const progress = (resource: 'lines' | 'mags', state: 'running' | 'done', rows: number, rowsTotal: number | null) =>
  ({ profileId: 'p1', resource, pages: 1, pagesTotal: 3, rows, rowsTotal, etaMs: null, state, error: null }) as const

describe('FreshnessBanner during a first sync', () => {
  it('says "still syncing: N of M" for the resource being synced, and "not synced yet" otherwise', async () => {
    fake.current = createFakeXm()
    const pinia = freshPinia()
    const sync = useSyncStore()
    const w = mount(FreshnessBanner, { props: { panels: never, resource: 'lines' }, global: { plugins: [pinia] } })
    expect(w.text()).toContain('Not synced yet')

    sync.onProgress(progress('lines', 'running', 1000, 20000))
    await w.vm.$nextTick()
    expect(w.text()).toBe('Still syncing: 1,000 of 20,000 shown so far; the rest arrive as the panel sends them.')

    // Another resource's first sync says nothing about this view.
    await w.setProps({ resource: 'mags' })
    expect(w.text()).toContain('Not synced yet')

    await w.setProps({ resource: 'lines' })
    sync.onProgress(progress('lines', 'done', 20000, 20000))
    await w.vm.$nextTick()
    expect(w.text()).toContain('Not synced yet') // the view's next query brings freshness "fresh"
  })
})
