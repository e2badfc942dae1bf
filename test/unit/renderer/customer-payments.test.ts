// @vitest-environment happy-dom
/**
 * Payments (issue #13 §4): recorded later from the customer page (for no one
 * subscription), and from a subscription's drawer — which opens right after
 * creating or renewing it — with the reseller's own price filled in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import type { Payment } from '../../../electron/shared/business'
import type { Customer } from '../../../electron/shared/customers'
import { createFakeXm, line, profile, type FakeXm } from './fake-xm'
import { byTestId, freshPinia, settle, typeInto } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import CustomerPayments from '../../../src/components/business/CustomerPayments.vue'
import DrawerCustomer from '../../../src/components/customers/DrawerCustomer.vue'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

const anna: Customer = { id: 7, name: 'Anna', phone: null, email: null, telegram: null, channel: null, language: 'en', tags: [], notes: '', createdAt: 0, updatedAt: 0, linkCount: 1 }

function setup() {
  fake.current = createFakeXm()
  fake.current.state.profiles = [profile('p1', 'North')]
  const stored: Payment[] = []
  fake.current.handlers['payments:list'] = (a: { customerId?: number }) => stored.filter((p) => a.customerId === undefined || p.customerId === a.customerId)
  fake.current.handlers['payments:record'] = (a: Omit<Payment, 'id' | 'currency' | 'at' | 'customerName'> & { at?: number }) => {
    const p: Payment = { ...a, id: stored.length + 1, currency: 'EUR', at: a.at ?? Date.now(), customerName: a.customerId === 7 ? 'Anna' : null }
    stored.unshift(p)
    return p
  }
  fake.current.handlers['payments:remove'] = (a: { id: number }) => {
    stored.splice(stored.findIndex((p) => p.id === a.id), 1)
    return { done: true }
  }
  fake.current.handlers['prices:get'] = () => ({ currency: 'EUR', prices: [{ profileId: 'p1', packageId: 1, price: 12.5 }], creditCosts: [] })
  fake.current.handlers['customers:owners'] = () => [{ profileId: 'p1', resource: 'lines', key: 'user1', customerId: 7, name: 'Anna' }]
  const pinia = freshPinia()
  return { pinia, stored }
}

const typeAmount = (value: string) => typeInto('pay-amount', value, { blur: true })

describe('payments', () => {
  it('the customer page records a payment for the customer, lists it with the total, and removes it', async () => {
    const { pinia } = setup()
    wrapper = mount(CustomerPayments, { attachTo: document.body, props: { customer: anna, links: [] }, global: { plugins: [pinia] } })
    await settle(6)
    expect(byTestId('customer-payments')!.textContent).toContain('No payments recorded yet.')
    byTestId('customer-pay')!.click()
    await settle()
    await typeAmount('20')
    byTestId('pay-save')!.click()
    await settle(8)
    expect(fake.current!.callsOf('payments:record')).toEqual([{ customerId: 7, item: null, packageId: null, amount: 20, method: 'cash', note: '', journalId: null }])
    expect(document.querySelectorAll('[data-testid="customer-payment"]')).toHaveLength(1)
    expect(byTestId('customer-paid-total')!.textContent).toMatch(/20[.,]00/)
    byTestId('customer-payment-remove')!.click()
    await settle(6)
    expect(document.querySelectorAll('[data-testid="customer-payment"]')).toHaveLength(0)
  })

  it("a subscription's drawer records a payment for it, at the reseller's own price unless changed", async () => {
    const { pinia } = setup()
    const row = { ...line(1, { username: 'user1', packageId: 1 }), profileId: 'p1' }
    wrapper = mount(DrawerCustomer, { attachTo: document.body, props: { resource: 'lines', row: row as never }, global: { plugins: [pinia] } })
    await settle(6)
    byTestId('drawer-customer-pay')!.click()
    await settle(6)
    expect((byTestId('pay-amount') as HTMLInputElement).value).toMatch(/12[.,]50/)
    byTestId('pay-save')!.click()
    await settle(8)
    expect(fake.current!.callsOf('payments:record')).toEqual([
      { customerId: 7, item: { profileId: 'p1', resource: 'lines', key: 'user1' }, packageId: 1, amount: 12.5, method: 'cash', note: '', journalId: null },
    ])
  })
})
