// @vitest-environment happy-dom
/**
 * Issue #15 (credits): "Expiring in 7 days" is a to-do list — turned on, the
 * list sorts by expiry, soonest first, unless the user sorted it already;
 * turned off, that sort goes with it. The chip says what it counts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useTableStore } from '../../../src/stores/table'
import FilterBar from '../../../src/components/table/FilterBar.vue'

let n = 0
beforeEach(() => {
  fake.current = createFakeXm({ lines: 30 })
  setActivePinia(createPinia())
  localStorage.clear()
})
const lastQuery = () => fake.current!.callsOf('cache:query').at(-1)

describe('the expiring chip', () => {
  it('sorts by expiry, soonest first, and drops that sort when turned off', async () => {
    const t = useTableStore(`x${++n}`, 'p1', 'lines')
    await t.toggleChip('expiring')
    expect(lastQuery()).toMatchObject({ status: ['expiring'], expiringDays: 7, sort: { column: 'expDate', dir: 'asc' } })
    expect(t.sort).toEqual({ column: 'expDate', dir: 'asc' }) // the column header shows it
    await t.toggleChip('expiring')
    expect(lastQuery().sort).toBeUndefined()
    expect(t.sort).toBeNull()
  })

  it('keeps a sort the user chose, before or while the chip is on', async () => {
    const t = useTableStore(`x${++n}`, 'p1', 'lines')
    await t.setSort('username', 'desc')
    await t.toggleChip('expiring')
    expect(lastQuery().sort).toEqual({ column: 'username', dir: 'desc' })
    await t.toggleChip('expiring')
    const u = useTableStore(`x${++n}`, 'p1', 'lines')
    await u.toggleChip('expiring')
    await u.setSort('expDate', 'desc')
    await u.toggleChip('expiring')
    expect(u.sort).toEqual({ column: 'expDate', dir: 'desc' })
  })

  it('says what it counts', () => {
    const w = mount(FilterBar, { props: { chips: ['active', 'expiring'], selected: [], search: '' } })
    expect(w.find('[data-testid="chip-expiring"]').attributes('title')).toMatch(/Enabled, not yet expired, and expiring within the next 7 days; sorted soonest first/)
  })
})
