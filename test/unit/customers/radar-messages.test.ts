/** The renewal radar and messages over real SQLite files (cache.db + customers.db). */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DAY, line, mag, NOW, pkg } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

/** Lines and a MAG expiring around `now` (unix seconds), prices, and Anna owning two of them; returns Anna. */
function seed(now = NOW) {
  f.cache.setPackages(f.north.id, [pkg(1, { name: '1 month' })], f.clock.ms)
  f.sync(f.north, 'lines', [
    line(1, { username: 'today', expDate: now + 60 }),
    line(2, { username: 'in5', expDate: now + 5 * DAY }),
    line(3, { username: 'in20', expDate: now + 20 * DAY }),
    line(4, { username: 'in60', expDate: now + 60 * DAY }),
    line(5, { username: 'ago10', expDate: now - 10 * DAY }),
    line(6, { username: 'ago90', expDate: now - 90 * DAY }),
    line(7, { username: 'forever', expDate: null }),
  ])
  f.sync(f.south, 'mags', [mag(8, { expDate: now + 2 * DAY })])
  f.prices.set({ currency: 'EUR', prices: [{ profileId: f.north.id, packageId: 1, price: 12.5 }] })
  const c = f.customers.create(anna)
  f.links.attach(c.id, [
    { profileId: f.north.id, resource: 'lines', key: 'in5', id: 2 },
    { profileId: f.south.id, resource: 'mags', key: mag(8).mac, id: 8 },
  ])
  return c
}

describe('renewal radar', () => {
  it('shows expiring today / 7 / 30 days and expired in the last 30, across panels, by expiry, with owner and price', () => {
    // Noon local time, so "today" is the same day in any time zone the test runs in.
    const d = new Date(NOW * 1000)
    d.setHours(12, 0, 0, 0)
    f.clock.ms = d.getTime()
    const nowSec = Math.floor(f.clock.ms / 1000)
    const c = seed(nowSec)

    const all = f.radar.query({ window: 'all' })
    expect(all.rows.map((r) => r.label)).toEqual(['ago10', 'today', mag(8).mac, 'in5', 'in20'])
    expect(all.counts).toEqual({ today: 1, week: 3, month: 4, expired: 1 })
    expect(f.radar.query({ window: 'today' }).rows.map((r) => r.label)).toEqual(['today'])
    expect(f.radar.query({ window: 'week' }).rows.map((r) => r.label)).toEqual(['today', mag(8).mac, 'in5'])
    expect(f.radar.query({ window: 'expired' }).rows.map((r) => r.label)).toEqual(['ago10'])
    const in5 = all.rows.find((r) => r.label === 'in5')!
    expect(in5).toMatchObject({ customerId: c.id, customerName: anna.name, packageName: '1 month', price: 12.5, daysLeft: 5, profileId: f.north.id })
    expect(all.rows.find((r) => r.resource === 'mags')).toMatchObject({ customerName: anna.name, daysLeft: 2 })
    expect(f.radar.query({ window: 'all', onlyCustomers: true }).rows.map((r) => r.label)).toEqual([mag(8).mac, 'in5'])
  })

  it('snooze hides a row until the snooze ends; lost hides it until unmarked', () => {
    seed()
    const item = { profileId: f.north.id, resource: 'lines' as const, key: 'in5' }
    f.radar.snooze([item], 3)
    expect(f.radar.query({ window: 'all' }).rows.some((r) => r.key === 'in5')).toBe(false)
    expect(f.radar.query({ window: 'all', includeSnoozed: true }).rows.find((r) => r.key === 'in5')?.snoozedUntil).toBe(f.clock.ms + 3 * DAY * 1000)
    f.clock.ms += 3 * DAY * 1000 + 1
    // The snooze is over (in5 still has two days left): back on the radar.
    expect(f.radar.query({ window: 'all' }).rows.some((r) => r.key === 'in5')).toBe(true)
    f.clock.ms = NOW * 1000
    f.radar.markLost([{ profileId: f.north.id, resource: 'lines', key: 'in20' }], true)
    expect(f.radar.query({ window: 'all' }).rows.some((r) => r.key === 'in20')).toBe(false)
    expect(f.radar.query({ window: 'all', includeLost: true }).rows.find((r) => r.key === 'in20')?.lost).toBe(true)
    f.radar.markLost([{ profileId: f.north.id, resource: 'lines', key: 'in20' }], false)
    expect(f.radar.query({ window: 'all' }).rows.some((r) => r.key === 'in20')).toBe(true)
  })

  it('counts customers due within the notification window', () => {
    seed()
    expect(f.radar.dueSoon(3)).toEqual({ customers: 1, subscriptions: 1 })
    expect(f.radar.dueSoon(7)).toEqual({ customers: 1, subscriptions: 2 })
  })
})

describe('messages', () => {
  it('composes a reminder from the template with the customer, package, price and expiry, and the exact WhatsApp link', () => {
    const c = seed()
    const link = f.links.ofCustomer(c.id).find((l) => l.key === 'in5')!
    f.messages.saveTemplate({ kind: 'reminder', language: 'en', subject: 'Renew', body: 'Hi {name}, {package} ends in {days_left} days. {price}. {unknown}' })
    const m = f.messages.compose({ customerId: c.id, linkId: link.linkId, kind: 'reminder' })
    expect(m.text).toBe('Hi Anna Kowalski, 1 month ends in 5 days. €12.50. {unknown}')
    expect(m.links.whatsapp).toBe(`https://wa.me/491701234567?text=${encodeURIComponent(m.text)}`)
    expect(m.links.email).toMatch(/^mailto:anna@example\.com\?subject=Renew&body=/)
    expect(m.missing).toEqual([])
  })

  it('previews a draft and reports variables this customer has no value for', () => {
    const c = f.customers.create({ ...anna, phone: null })
    const m = f.messages.compose({ customerId: c.id, linkId: null, kind: 'welcome', draft: { subject: '', body: '{name}: {username} {expiry}' } })
    expect(m.text).toBe('Anna Kowalski:  ')
    expect(m.missing).toEqual(['username', 'expiry'])
    expect(m.links.whatsapp).toBeNull()
  })

  it('logs every send on the customer and as the last reminder in the radar, never the text or the password', () => {
    const c = seed()
    const link = f.links.ofCustomer(c.id).find((l) => l.key === 'in5')!
    const m = f.messages.compose({ customerId: c.id, linkId: link.linkId, kind: 'welcome' })
    expect(m.text).toContain('pw2')
    f.clock.ms += 1000
    f.messages.logSend({ customerId: c.id, linkId: link.linkId, kind: 'welcome', channel: 'whatsapp' })
    f.messages.logSend({ customerId: c.id, linkId: link.linkId, kind: 'reminder', channel: 'copy' })
    expect(f.messages.sends(c.id).map((s) => [s.kind, s.channel, s.summary])).toEqual([
      ['reminder', 'copy', 'reminder about in5'],
      ['welcome', 'whatsapp', 'welcome about in5'],
    ])
    expect(f.radar.query({ window: 'all' }).rows.find((r) => r.key === 'in5')?.lastReminderAt).toBe(f.clock.ms)
    f.book.close()
    const db = new Database(join(f.dir, 'customers.db'), { readonly: true })
    const dump = JSON.stringify(db.prepare('SELECT * FROM sends').all())
    db.close()
    expect(dump).not.toContain('pw2')
  })

  it('keeps one template set per language; English built-ins until edited', () => {
    expect(f.messages.templates('de').every((t) => t.builtIn)).toBe(true)
    f.messages.saveTemplate({ kind: 'expired', language: 'de', subject: 'Abgelaufen', body: 'Hallo {name}' })
    expect(f.messages.templates('de').find((t) => t.kind === 'expired')).toMatchObject({ body: 'Hallo {name}', builtIn: false })
    expect(f.messages.templates('en').find((t) => t.kind === 'expired')?.builtIn).toBe(true)
    expect(f.messages.languages()).toEqual(['en', 'de'])
    expect(f.messages.resetTemplate('expired', 'de').builtIn).toBe(true)
  })
})
