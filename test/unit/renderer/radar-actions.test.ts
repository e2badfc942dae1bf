// @vitest-environment happy-dom
/**
 * The radar's actions on a row and on a selection (issue #13 §2): Snooze for the
 * number of days chosen, Renew a selection through the bulk extend (cost first,
 * journaled; one panel per run), Send reminder to each selected customer in turn.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import type { RadarRow } from '../../../electron/shared/customers'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { byTestId, freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import RadarView from '../../../src/views/RadarView.vue'
import { useProfilesStore } from '../../../src/stores/profiles'
import { useUiStore } from '../../../src/stores/ui'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

const now = Math.floor(Date.now() / 1000)
function row(id: number, over: Partial<RadarRow> = {}): RadarRow {
  return {
    profileId: 'p1',
    resource: 'lines',
    key: `user${id}`,
    id,
    label: `user${id}`,
    packageId: 1,
    packageName: '1 month',
    expDate: now + id * 86_400,
    daysLeft: id,
    customerId: null,
    customerName: null,
    linkId: null,
    price: null,
    lastReminderAt: null,
    snoozedUntil: null,
    lost: false,
    ...over,
  }
}

async function open(rows: RadarRow[]) {
  fake.current = createFakeXm()
  fake.current.state.profiles = [profile('p1', 'North'), profile('p2', 'South')]
  fake.current.handlers['reminders:radar'] = () => ({ rows, counts: { today: 0, week: rows.length, month: rows.length, expired: 0 }, total: rows.length, currency: 'EUR' })
  fake.current.handlers['reminders:getSettings'] = () => ({ notify: true, days: 3, hour: 9 })
  fake.current.handlers['reminders:snooze'] = () => ({ done: true })
  fake.current.handlers['reminders:compose'] = (a: { customerId: number }) => ({
    subject: 'Renewal',
    text: `Hello customer ${a.customerId}`,
    links: { whatsapp: 'https://wa.me/491701234567?text=x', telegram: null, sms: null, email: null },
    linkId: null,
    missing: [],
  })
  const pinia = freshPinia()
  await useProfilesStore().load()
  wrapper = mount(RadarView, { attachTo: document.body, global: { plugins: [pinia] } })
  await settle(8)
  const rowEl = (key: string) => document.querySelector(`[data-testid="radar-row"][data-key="${key}"]`) as HTMLElement
  const check = async (key: string) => {
    ;(rowEl(key).querySelector('input[type="checkbox"], .n-checkbox') as HTMLElement).click()
    await settle()
  }
  return { rowEl, check }
}

describe('renewal radar actions', () => {
  it("snoozes a row for the number of days chosen, not a fixed three", async () => {
    const { rowEl } = await open([row(1), row(2)])
    const days = byTestId('radar-snooze-days')!.querySelector('input') as HTMLInputElement
    days.value = '7'
    days.dispatchEvent(new Event('input'))
    days.dispatchEvent(new Event('blur'))
    await settle()
    ;(rowEl('user2').querySelector('[data-testid="radar-snooze"]') as HTMLElement).click()
    await settle()
    expect(fake.current!.callsOf('reminders:snooze')).toEqual([{ items: [{ profileId: 'p1', resource: 'lines', key: 'user2' }], days: 7 }])
  })

  it('renews a selection of one panel through the bulk extend; a selection over two panels is refused', async () => {
    const { check } = await open([row(1), row(2), row(3, { profileId: 'p2', key: 'south3', label: 'south3' })])
    await check('user1')
    await check('user2')
    byTestId('radar-renew-selected')!.click()
    await settle()
    expect(useUiStore().bulkRequest).toEqual({ profileId: 'p1', resource: 'lines', ids: [1, 2] })
    useUiStore().bulkRequest = null
    await settle()
    await check('user1')
    await check('south3')
    byTestId('radar-renew-selected')!.click()
    await settle()
    expect(useUiStore().bulkRequest).toBeNull()
  })

  it("sends a reminder to each selected customer in turn, skipping rows without one", async () => {
    const { check } = await open([
      row(1, { customerId: 11, customerName: 'Anna', linkId: 1 }),
      row(2),
      row(3, { customerId: 12, customerName: 'Ben', linkId: 2 }),
    ])
    await check('user1')
    await check('user2')
    await check('user3')
    byTestId('radar-remind-selected')!.click()
    await settle(6)
    expect(byTestId('message-dialog')!.textContent).toContain('Anna')
    expect(fake.current!.callsOf('reminders:compose').map((c) => c.customerId)).toEqual([11])
    // Closing this one moves on to the next customer.
    wrapper!.findComponent({ name: 'MessageDialog' }).vm.$emit('close')
    await settle(6)
    expect(byTestId('message-dialog')!.textContent).toContain('Ben')
    expect(fake.current!.callsOf('reminders:compose').map((c) => c.customerId)).toEqual([11, 12])
    wrapper!.findComponent({ name: 'MessageDialog' }).vm.$emit('close')
    await settle(6)
    expect(byTestId('message-dialog')).toBeNull()
  })
})
