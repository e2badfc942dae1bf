/**
 * Prices, payments and the profit report over real SQLite files (cache.db +
 * customers.db): revenue per month from payments, credits spent from the
 * journal AND the panel's credit log (charges made outside the app), profit,
 * lifetime value per customer, margin per package — and which figures are
 * estimated, said as coded notes the page words.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCustomerServices, type CustomerServices } from '../../../electron/core/customers'
import type { CoreContext } from '../../../electron/core/ports'
import type { CreditLog } from '../../../electron/shared/domain'
import type { JournalEntry } from '../../../electron/shared/views'
import { anna, bookFixture, type BookFixture } from './book-fixture'

const DAY_MS = 86_400_000
let f: BookFixture
let s: CustomerServices
let journal: JournalEntry[]

beforeEach(async () => {
  f = await bookFixture()
  journal = []
  // The profit report reads the journal through a reader (create-core gives it the real journal's query).
  const ctx = { now: () => f.clock.ms, cache: f.cache, profiles: f.profiles } as unknown as CoreContext
  s = createCustomerServices(ctx, join(f.dir, 'business.db'), async (from, to) => journal.filter((e) => e.startedAt >= from && e.startedAt < to))
})
afterEach(() => {
  s.book.close()
  f.close()
})

let nextId = 1
function spend(over: Partial<JournalEntry> & Pick<JournalEntry, 'profileId' | 'target' | 'expectedCost'>): JournalEntry {
  const e: JournalEntry = {
    id: nextId++,
    profileName: '',
    action: 'edit_line',
    resource: 'lines',
    params: { package: 1 },
    balanceBefore: null,
    balanceAfter: null,
    outcome: 'succeeded',
    errorCode: null,
    errorMessage: null,
    evidence: null,
    response: null,
    bulkRunId: null,
    startedAt: f.clock.ms - DAY_MS,
    finishedAt: null,
    ...over,
  }
  journal.push(e)
  return e
}

function creditLog(id: number, over: Partial<CreditLog>): CreditLog {
  return { id, ownerName: 'me', type: 'line', action: 'extend', targetId: null, packageId: 1, cost: 1, creditsAfter: null, date: Math.floor(f.clock.ms / 1000), ...over }
}

const monthOf = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

function seed() {
  s.prices.set({
    currency: 'EUR',
    prices: [{ profileId: f.north.id, packageId: 1, price: 10 }],
    creditCosts: [{ profileId: f.north.id, creditCost: 0.5 }],
  })
  const c = s.customers.create(anna)
  s.links.attach(c.id, [{ profileId: f.north.id, resource: 'lines', key: 'anna1', id: 1 }])
  // Renewed in the app, paid and recorded with the renewal (its journal entry named).
  const renewed = spend({ profileId: f.north.id, target: 'anna1', expectedCost: 5, balanceBefore: 100, balanceAfter: 96 })
  s.payments.record({ customerId: c.id, item: { profileId: f.north.id, resource: 'lines', key: 'anna1' }, packageId: 1, amount: 15, method: 'cash', note: '', journalId: renewed.id, at: renewed.startedAt + 60_000 })
  // Created in the app, no payment recorded: estimated at the list price.
  spend({ profileId: f.north.id, action: 'create_line', target: 'bob', expectedCost: 4 })
  // On a panel with neither a list price nor a credit cost.
  spend({ profileId: f.south.id, action: 'create_line', target: 'carl', params: { package: 2 }, expectedCost: 3 })
  // Neither a failure nor a free edit is spending.
  spend({ profileId: f.north.id, target: 'x', expectedCost: 5, outcome: 'failed' })
  spend({ profileId: f.north.id, target: 'y', expectedCost: 0, params: {} })
  // Paid later from the customer page, two months ago; and once long before the months shown.
  s.payments.record({ customerId: c.id, item: null, packageId: null, amount: 20, method: 'bank', note: 'two months', journalId: null, at: f.clock.ms - 62 * DAY_MS })
  s.payments.record({ customerId: c.id, item: null, packageId: null, amount: 5, method: 'cash', note: 'long ago', journalId: null, at: f.clock.ms - 500 * DAY_MS })
  // North's credit log: the app's own renewal (already in the journal), a charge made in the
  // panel's web page, a sub-reseller's own charge and a transfer (neither is the reseller's spending).
  f.cache.setAccount(f.north.id, { username: 'me' } as never, f.clock.ms)
  f.sync(f.north, 'creditLogs', [
    creditLog(1, { cost: 4, date: Math.floor(renewed.startedAt / 1000) + 30 }),
    creditLog(2, { cost: 6, action: 'new', date: Math.floor((f.clock.ms - 2 * DAY_MS) / 1000) }),
    creditLog(3, { cost: 9, ownerName: 'sub1' }),
    creditLog(4, { cost: 50, action: 'adjust_credits', type: 'user' }),
  ])
  return c
}

describe('profit report', () => {
  it('per month: revenue, credits from the journal and the credit log, their cost and the profit', async () => {
    seed()
    const r = await s.profit.report({ months: 12 })
    expect(r.currency).toBe('EUR')
    expect(r.months).toHaveLength(12)
    const now = r.months.find((m) => m.month === monthOf(f.clock.ms - DAY_MS))!
    // 4 (renewal, the panel's balance change) + 4 (create) + 3 (South) + 6 (outside the app)
    expect(now).toMatchObject({ credits: 17, outsideCredits: 6, unpricedCredits: 3, creditCost: 7, revenue: 25, estimatedRevenue: 10, profit: 18, payments: 1, renewals: 3 })
    const earlier = r.months.find((m) => m.month === monthOf(f.clock.ms - 62 * DAY_MS))!
    expect(earlier).toMatchObject({ revenue: 20, estimatedRevenue: 0, credits: 0, profit: 20, payments: 1 })
    expect(r.months.reduce((n, m) => n + m.revenue, 0)).toBe(45)
  })

  it('says what is estimated or left out, with how many', async () => {
    seed()
    const r = await s.profit.report({ months: 12 })
    expect(r.notes).toEqual([
      { kind: 'estimated', n: 1 },
      { kind: 'noPrice', n: 1 },
      { kind: 'unpriced', n: 3 },
      { kind: 'outside', n: 6 },
      // South's credit log was never synced: only this app's spending is known there.
      { kind: 'noCreditLog', n: 1 },
    ])
  })

  it('asks the book whether its owners index is current once per report, not once per renewal', async () => {
    seed()
    // Five more renewals of Anna's line with no payment: each is estimated and looks up its owner.
    for (let i = 0; i < 5; i++) spend({ profileId: f.north.id, target: 'anna1', expectedCost: 2 })
    const asks = vi.spyOn(s.book, 'ownersVersion')
    const r = await s.profit.report({ months: 3 })
    expect(r.notes[0]).toEqual({ kind: 'estimated', n: 6 })
    expect(r.customers[0]).toMatchObject({ name: anna.name })
    expect(asks.mock.calls.length).toBeLessThanOrEqual(1)
  })

  it('lifetime value per customer counts every payment ever; margin per package', async () => {
    const c = seed()
    const r = await s.profit.report({ months: 3 })
    expect(r.customers).toEqual([{ customerId: c.id, name: anna.name, paid: 40, payments: 3, lastPaidAt: f.clock.ms - DAY_MS + 60_000 }])
    expect(r.packages).toEqual([
      { profileId: f.north.id, packageId: 1, name: '#1', sold: 2, revenue: 25, credits: 8, cost: 4, margin: 0.84 },
      { profileId: f.south.id, packageId: 2, name: '#2', sold: 1, revenue: 0, credits: 3, cost: 0, margin: null },
    ])
  })

  it('a payment recorded later for the same subscription pays for the spend (no longer estimated)', async () => {
    seed()
    const bob = journal.find((e) => e.target === 'bob')!
    s.payments.record({ customerId: null, item: { profileId: f.north.id, resource: 'lines', key: 'BOB' }, packageId: 1, amount: 12, method: 'paypal', note: '', journalId: null, at: bob.startedAt + 2 * 3_600_000 })
    const r = await s.profit.report({ months: 12 })
    const now = r.months.find((m) => m.month === monthOf(f.clock.ms - DAY_MS))!
    expect(now).toMatchObject({ revenue: 27, estimatedRevenue: 0 })
    expect(r.notes.map((n) => n.kind)).not.toContain('estimated')
  })

  it('a panel charge the journal explains is not counted twice; one of another amount or hours away is', async () => {
    seed()
    f.sync(f.north, 'creditLogs', [creditLog(1, { cost: 4, date: Math.floor(journal[0]!.startedAt / 1000) - 120 })])
    let r = await s.profit.report({ months: 1 })
    expect(r.months[0]).toMatchObject({ credits: 11, outsideCredits: 0 })
    // A charge of another amount, or hours away, is not the app's.
    f.sync(f.north, 'creditLogs', [creditLog(1, { cost: 3, date: Math.floor(journal[0]!.startedAt / 1000) }), creditLog(2, { cost: 4, date: Math.floor(journal[0]!.startedAt / 1000) - 3 * 3600 })])
    r = await s.profit.report({ months: 1 })
    expect(r.months[0]).toMatchObject({ credits: 18, outsideCredits: 7 })
  })
})

describe('prices and payments', () => {
  it('keeps a sale price per package per panel, a currency and a credit cost per panel; null removes', () => {
    s.prices.set({ currency: 'USD', prices: [{ profileId: f.north.id, packageId: 1, price: 9.5 }, { profileId: f.south.id, packageId: 1, price: 11 }], creditCosts: [{ profileId: f.south.id, creditCost: 0.8 }] })
    expect(s.prices.get()).toEqual({
      currency: 'USD',
      prices: expect.arrayContaining([{ profileId: f.north.id, packageId: 1, price: 9.5 }, { profileId: f.south.id, packageId: 1, price: 11 }]),
      creditCosts: [{ profileId: f.south.id, creditCost: 0.8 }],
    })
    s.prices.set({ prices: [{ profileId: f.north.id, packageId: 1, price: null }], creditCosts: [{ profileId: f.south.id, creditCost: null }] })
    expect(s.prices.get()).toEqual({ currency: 'USD', prices: [{ profileId: f.south.id, packageId: 1, price: 11 }], creditCosts: [] })
  })

  it('records payments on a customer (in the book currency), lists, removes and exports them; a removed customer keeps the revenue', () => {
    s.prices.set({ currency: 'GBP' })
    const c = s.customers.create(anna)
    const p = s.payments.record({ customerId: c.id, item: null, packageId: null, amount: 12.5, method: 'card', note: 'March, "cash"', journalId: null })
    expect(p).toMatchObject({ customerId: c.id, customerName: anna.name, amount: 12.5, currency: 'GBP', at: f.clock.ms })
    expect(s.payments.list({ customerId: c.id }).map((x) => x.id)).toEqual([p.id])
    const csv = s.payments.exportCsv().csv
    expect(csv.split('\r\n')[0]).toBe('date,customer,amount,currency,method,subscription,note')
    expect(csv).toContain(`${anna.name},12.5,GBP,card,,"March, ""cash"""`)
    s.customers.remove(c.id)
    expect(s.payments.get(p.id)).toMatchObject({ customerId: null, amount: 12.5 })
    s.payments.remove(p.id)
    expect(s.payments.list({})).toEqual([])
    expect(() => s.payments.record({ customerId: 999, item: null, packageId: null, amount: 1, method: 'cash', note: '', journalId: null })).toThrow(/no customer #999/)
  })
})
