// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import FreshnessBanner from '../../../src/components/table/FreshnessBanner.vue'

describe('FreshnessBanner', () => {
  it('says "Offline — showing data from 12 minutes ago" from the query freshness', () => {
    fake.current = createFakeXm()
    const w = mount(FreshnessBanner, {
      props: { panels: [{ profileId: 'p1', syncedAt: Date.now() - 12 * 60_000, freshness: 'offline', error: null }] },
      global: { plugins: [createPinia()] },
    })
    expect(w.text()).toBe('Offline — showing data from 12 minutes ago.')
  })

  it('shows nothing when every panel is fresh, and names panels when there are several', async () => {
    fake.current = createFakeXm()
    const w = mount(FreshnessBanner, {
      props: { panels: [{ profileId: 'p1', syncedAt: Date.now(), freshness: 'fresh', error: null }] },
      global: { plugins: [createPinia()] },
    })
    expect(w.find('[data-testid="freshness-banner"]').exists()).toBe(false)
    await w.setProps({
      panels: [
        { profileId: 'p1', syncedAt: Date.now(), freshness: 'fresh', error: null },
        { profileId: 'p2', syncedAt: null, freshness: 'never', error: null },
      ],
    })
    expect(w.text()).toContain('Not synced yet')
  })

  it('never says "showing data from never" when nothing was synced yet (issue #15)', () => {
    fake.current = createFakeXm()
    const w = mount(FreshnessBanner, {
      props: {
        panels: [
          { profileId: 'p1', syncedAt: null, freshness: 'offline', error: null },
          { profileId: 'p2', syncedAt: null, freshness: 'error', error: 'The API key was refused' },
          { profileId: 'p3', syncedAt: null, freshness: 'stale', error: null },
        ],
      },
      global: { plugins: [createPinia()] },
    })
    expect(w.text()).not.toMatch(/never/)
    expect(w.text()).toContain('Offline — nothing synced from this panel yet.')
    expect(w.text()).toContain('The first sync failed (The API key was refused) — nothing to show yet.')
    expect(w.text()).toContain('Syncing for the first time…')
  })
})
