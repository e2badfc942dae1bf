// @vitest-environment happy-dom
/** Ctrl+K finds customers by name and by phone (issue #13 §1); a hit opens the customer's page. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Customer } from '../../../electron/shared/customers'
import { createFakeXm, type FakeXm } from './fake-xm'
import { mountAppShell, searchGlobally, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

const anna: Customer = { id: 7, name: 'Anna Kowalski', phone: '+491701234567', email: null, telegram: null, channel: null, language: 'en', tags: [], notes: '', createdAt: 0, updatedAt: 0, linkCount: 2 }

async function search(text: string) {
  fake.current = createFakeXm()
  // The core's search (customers.ts searchWhere) is tested on a real book; here: what the palette does with its answer.
  fake.current.handlers['customers:list'] = (q: { search?: string }) => {
    const s = (q.search ?? '').toLowerCase()
    const digits = s.replace(/\D/g, '').replace(/^0/, '')
    const hit = anna.name.toLowerCase().includes(s) || (digits.length >= 3 && anna.phone!.includes(digits))
    return { rows: hit ? [anna] : [], total: hit ? 1 : 0, tags: [] }
  }
  fake.current.handlers['customers:get'] = () => ({ customer: anna, links: [], sends: [] })
  wrapper = await mountAppShell(App)
  await searchGlobally(text)
  await settle(6)
  return [...document.querySelectorAll('[data-testid="search-customer"]')] as HTMLElement[]
}

describe('customers in Ctrl+K', () => {
  it('finds a customer by name and opens their page', async () => {
    const hits = await search('kowal')
    expect(hits.map((h) => h.textContent)).toEqual([expect.stringContaining('Anna Kowalski')])
    hits[0]!.click()
    await settle(8)
    expect(useTabsStore().active?.kind).toBe('customers')
    expect(fake.current!.callsOf('customers:get')).toEqual([{ id: 7 }])
  })

  it('finds a customer by phone, typed as a national number', async () => {
    const hits = await search('0170 1234')
    expect(hits.map((h) => h.textContent)).toEqual([expect.stringContaining('+491701234567')])
    expect(fake.current!.callsOf('customers:list').at(-1)).toMatchObject({ search: '0170 1234' })
  })
})
