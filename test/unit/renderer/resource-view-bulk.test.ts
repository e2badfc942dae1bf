// @vitest-environment happy-dom
/** Bulk from the "All panels" list: only for rows of one panel, since credits (and runs) are per panel. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, line, profile, type FakeXm } from './fake-xm'
import { mountOnPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import ResourceView from '../../../src/views/ResourceView.vue'
import { useTableStore } from '../../../src/stores/table'
import { useUiStore } from '../../../src/stores/ui'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

async function allLines() {
  fake.current = createFakeXm({ profiles: [profile('p1', 'Main'), profile('p2', 'Second')] })
  fake.current.state.lines = [line(1), line(2), { ...line(3), profileId: 'p2' }]
  wrapper = mountOnPinia(ResourceView, { tab: { id: 't-all', kind: 'resource', profileId: 'all', resource: 'lines' } })
  await settle(6)
  return { table: useTableStore('t-all', 'all', 'lines'), ui: useUiStore(), button: () => wrapper!.find('[data-testid="bulk-open"]') }
}

describe('ResourceView bulk across all panels', () => {
  it('rows of one panel: the run is that panel’s; rows of two panels or none: the button says why it waits', async () => {
    const { table, ui, button } = await allLines()
    expect(button().attributes('disabled')).toBeDefined()
    expect(button().attributes('title')).toContain('one panel')

    table.selection = ['p1:1', 'p1:2']
    await settle()
    expect(button().attributes('disabled')).toBeUndefined()
    await button().trigger('click')
    expect(ui.bulkRequest).toEqual({ profileId: 'p1', resource: 'lines', ids: [1, 2] })

    ui.bulkRequest = null
    table.selection = ['p1:1', 'p2:3']
    await settle()
    expect(button().attributes('disabled')).toBeDefined()
    await button().trigger('click')
    expect(ui.bulkRequest).toBeNull()
  })
})
