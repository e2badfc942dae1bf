// @vitest-environment happy-dom
/**
 * Issue #11 §5: every write refreshes every open view of its object. A drawer
 * shows the panel's copy after the write (a credit transfer's new balance),
 * closes when the object is deleted, and after a convert shows the LINE the
 * device became — its buttons and its hand-off, nothing read for the device.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { defineComponent, h, shallowRef } from 'vue'
import { NDialogProvider } from 'naive-ui'
import { createFakeXm, line, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle } from './setup'
import type { Row } from '../../../src/stores/table'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import DetailDrawer from '../../../src/components/detail/DetailDrawer.vue'
import { useWritesStore } from '../../../src/stores/writes'

let wrapper: VueWrapper | null = null
const open = shallowRef<Row | null>(null)

function mountDrawer(resource: string, row: Row) {
  open.value = row
  const Host = defineComponent(() => () =>
    h(NDialogProvider, null, { default: () => h(DetailDrawer, { resource, row: open.value, 'onUpdate:row': (r: Row | null) => (open.value = r) } as never) }),
  )
  wrapper = mountOnPinia(Host)
}
const result = (item: Record<string, unknown> | null, extra: Record<string, unknown> | null = null) => ({ journalId: 1, cost: 0, balanceBefore: 100, balanceAfter: 100, item, extra })
const fieldText = (key: string) => document.body.querySelector(`[data-field="${key}"]`)?.textContent

beforeEach(() => {
  fake.current = createFakeXm({ credits: 100 })
})
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('an open drawer after a write', () => {
  it('shows a sub-reseller\'s new balance after credits were moved', async () => {
    const sub = { id: 12, profileId: 'p1', username: 'sub1', credits: 3, enabled: true }
    fake.current!.handlers['subResellers:adjustCredits'] = (a) => result({ ...sub, credits: 3 + a.credits })
    mountDrawer('subResellers', sub)
    await settle()
    expect(fieldText('credits')).toBe('3')
    await useWritesStore().write('subResellers', 'adjustCredits', { profileId: 'p1', id: 12, credits: 5 })
    await settle()
    expect(fieldText('credits')).toBe('8')
  })

  it('reads the object again when the outcome is unknown', async () => {
    const l = line(5, { resellerNotes: 'before' })
    fake.current!.state.lines = [{ ...l, resellerNotes: 'after, on the panel' }]
    fake.current!.failNext('lines:disable', { code: 'OUTCOME_UNKNOWN', message: 'no answer' })
    mountDrawer('lines', l)
    await settle()
    await useWritesStore().write('lines', 'disable', { profileId: 'p1', id: 5 })
    await settle()
    expect(fieldText('resellerNotes')).toBe('after, on the panel')
  })

  it('closes when the object was deleted', async () => {
    fake.current!.handlers['lines:delete'] = () => result(null)
    mountDrawer('lines', line(5))
    await settle()
    expect(byTestId('detail-drawer')).not.toBeNull()
    await useWritesStore().write('lines', 'delete', { profileId: 'p1', id: 5 })
    await settle()
    expect(open.value).toBeNull()
  })

  it('after convert MAG → line shows the line: its title and hand-off, no device buttons, no device read', async () => {
    const mag = { id: 41, lineId: 261, profileId: 'p1', mac: '00:1A:79:00:00:01', username: 'magline', password: 'magpass', enabled: true, expDate: null }
    const converted = line(261, { username: 'magline', password: 'magpass' })
    fake.current!.handlers['mags:convert'] = () => result(converted, { lineId: 261, username: 'magline', password: 'magpass' })
    fake.current!.handlers['links:get'] = (a) => ({ username: 'magline', password: 'magpass', m3u: `m3u-${a.resource}-${a.id}`, playerApi: '', epg: '', enigmaInstall: '', magPortal: '' })
    mountDrawer('mags', mag)
    await settle()
    expect(byTestId('action-convert')).not.toBeNull()
    await useWritesStore().write('mags', 'convert', { profileId: 'p1', id: 41 })
    await settle()
    expect(byTestId('detail-title')!.textContent).toBe('magline')
    expect(byTestId('action-convert')).toBeNull()
    expect(byTestId('action-extend')).not.toBeNull()
    const links = fake.current!.callsOf('links:get')
    expect(links.at(-1)).toEqual({ profileId: 'p1', resource: 'lines', id: 261 })
    expect(links.some((a) => a.resource === 'mags' && a.id === 261)).toBe(false)
  })
})
