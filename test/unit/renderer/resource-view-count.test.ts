// @vitest-environment happy-dom
/** The list's row count while a search's many matches are still being counted (cache:count). */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { mountOnPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import ResourceView from '../../../src/views/ResourceView.vue'
import { useTableStore } from '../../../src/stores/table'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

describe('ResourceView row count', () => {
  it('says "50+ rows · counting…" until the count comes, then the count', async () => {
    fake.current = createFakeXm({ lines: 120 })
    const exact = fake.current.handlers['cache:query']!
    // As the cache answers a search with many matches at scale: the page first, a lower bound.
    fake.current.handlers['cache:query'] = async (q: any) => {
      const r = (await exact(q)) as { total: number }
      return q.search ? { ...r, total: q.offset + q.limit, totalIsLowerBound: true } : r
    }
    const counted = fake.current.hold('cache:count')
    wrapper = mountOnPinia(ResourceView, { tab: { id: 't1', kind: 'resource', profileId: 'p1', resource: 'lines' } })
    await settle(6)
    expect(wrapper.text()).toContain('120 rows')
    useTableStore('t1', 'p1', 'lines').setSearch('user')
    await settle(6)
    expect(wrapper.text()).toContain('50+ rows · counting…')
    counted.release()
    await settle(6)
    expect(wrapper.text()).not.toContain('counting')
    expect(wrapper.text()).toContain('120 rows')
  })
})
