/** Backups of the customer book over real files: back up, damage customers.db, restore, nothing lost. */
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BookSchedule } from '../../../electron/core/customers/book-schedule'
import { Backups } from '../../../electron/core/customers/backups'
import { DAY, line, NOW } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
const backupsOf = (fx: BookFixture) => new Backups({ book: fx.book, profiles: fx.profiles, settings: null, journal: async () => [], dir: join(fx.dir, 'backups'), appVersion: '1.0.0-test' })

beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

/** A book with something in every table. */
function fill(fx: BookFixture) {
  fx.sync(fx.north, 'lines', [line(1, { username: 'anna-n', expDate: NOW + 2 * DAY })])
  fx.sync(fx.south, 'lines', [line(2, { username: 'anna-s' })])
  const c = fx.customers.create(anna)
  const bob = fx.customers.create({ ...anna, name: 'Bob', phone: null, tags: ['new'] })
  const [l] = fx.links.attach(c.id, [
    { profileId: fx.north.id, resource: 'lines', key: 'anna-n', id: 1 },
    { profileId: fx.south.id, resource: 'lines', key: 'anna-s', id: 2 },
  ])
  fx.messages.saveTemplate({ kind: 'reminder', language: 'de', subject: 'S', body: 'Hallo {name}' })
  fx.messages.logSend({ customerId: c.id, linkId: l!.linkId, kind: 'reminder', channel: 'whatsapp' })
  fx.radar.snooze([{ profileId: fx.south.id, resource: 'lines', key: 'anna-s' }], 5)
  fx.prices.set({ currency: 'USD', prices: [{ profileId: fx.north.id, packageId: 1, price: 10 }], creditCosts: [{ profileId: fx.north.id, creditCost: 0.5 }] })
  fx.payments.record({ customerId: bob.id, item: null, packageId: null, amount: 25, method: 'cash', note: 'first', journalId: null })
}

/** Everything a user would miss, read through the services. */
function snapshot(fx: BookFixture) {
  const customers = fx.customers.all()
  return {
    customers,
    links: customers.map((c) => fx.links.ofCustomer(c.id).map(({ row: _r, ...l }) => l)),
    sends: customers.map((c) => fx.messages.sends(c.id)),
    templates: fx.messages.templates('de'),
    prices: fx.prices.get(),
    payments: fx.payments.list({}),
    radar: fx.radar.query({ window: 'all', includeSnoozed: true }).rows,
  }
}

describe('backups', () => {
  it('back up, damage customers.db, restore: nothing lost', async () => {
    fill(f)
    const before = snapshot(f)
    const backups = backupsOf(f)
    const made = await backups.create('manual')
    expect(made.counts).toMatchObject({ customers: 2, links: 2, sends: 1, templates: 1, prices: 1, payments: 1, panels: 2 })

    f.book.close()
    const file = join(f.dir, 'customers.db')
    const bytes = readFileSync(file)
    bytes.write('garbage garbage garbage garbage', 0)
    writeFileSync(file, bytes)
    f.reopen()
    expect(f.book.problem).toMatch(/cannot be read/)

    const restorer = backupsOf(f)
    const [listed] = restorer.list()
    expect(listed).toMatchObject({ name: made.name, counts: made.counts, newPanels: [] })
    const r = await restorer.restore(restorer.read({ name: made.name! }), { book: true, panels: false, settings: false })
    expect(r).toMatchObject({ bookRestored: true, savedAs: null })
    expect(f.book.problem).toBeNull()
    expect(snapshot(f)).toEqual(before)
    // The damaged file was kept aside, not deleted.
    expect(readdirSync(f.dir).some((n) => n.startsWith('customers.db.replaced-'))).toBe(true)
  })

  it('moves to a new computer: panels added (no keys), the book\'s panel ids mapped to the new ones', async () => {
    fill(f)
    const { json } = await backupsOf(f).exportFile()
    expect(json).not.toMatch(/api_?key/i)
    const g = await bookFixture()
    try {
      // The new computer has other panels, with other ids; North is set up there under a new id already.
      await g.profiles.remove(g.south.id)
      await g.profiles.update(g.north.id, { host: f.north.host })
      const b = backupsOf(g)
      const preview = b.summary(b.read({ json }), null, null)
      expect(preview.newPanels).toEqual(['South'])
      const r = await b.restore(b.read({ json }), { book: true, panels: true, settings: false })
      expect(r.panelsAdded).toBe(1)
      const southHere = g.profiles.list().find((p) => p.name === 'South')!
      expect(southHere.id).not.toBe(f.south.id)
      const c = g.customers.all().find((x) => x.name === anna.name)!
      expect(g.links.ofCustomer(c.id).map((l) => l.profileId)).toEqual([g.north.id, southHere.id])
      expect(g.prices.get().prices).toEqual([{ profileId: g.north.id, packageId: 1, price: 10 }])
    } finally {
      g.close()
    }
  })

  it('never merges: restoring replaces the book, after saving the current one as a backup', async () => {
    fill(f)
    const b = backupsOf(f)
    const made = await b.create('manual')
    f.customers.create({ ...anna, name: 'Added after the backup', phone: null })
    const r = await b.restore(b.read({ name: made.name! }), { book: true, panels: false, settings: false })
    expect(r.savedAs).toMatch(/^before-restore-/)
    expect(f.customers.all().map((c) => c.name)).toEqual([anna.name, 'Bob'])
    const undo = await b.restore(b.read({ name: r.savedAs! }), { book: true, panels: false, settings: false })
    expect(undo.bookRestored).toBe(true)
    expect(f.customers.all().map((c) => c.name)).toContain('Added after the backup')
  })

  it('refuses a damaged, foreign, newer or inconsistent file with the reason, changing nothing', async () => {
    fill(f)
    const b = backupsOf(f)
    const { json } = await b.exportFile()
    const doc = JSON.parse(json)
    expect(() => b.read({ json: json.slice(0, json.length / 2) })).toThrow(/not JSON, or it was cut short/)
    expect(() => b.read({ json: '{"format":"other","version":1}' })).toThrow(/not a backup file/)
    expect(() => b.read({ json: JSON.stringify({ ...doc, version: 99 }) })).toThrow(/newer version/)
    expect(() => b.read({ json: JSON.stringify({ ...doc, book: { ...doc.book, customers: [{ 'name; DROP': 'x' }] } }) })).toThrow(/damaged or was edited/)
    const orphan = { ...doc, book: { ...doc.book, customers: [] } }
    await expect(b.restore(b.read({ json: JSON.stringify(orphan) }), { book: true, panels: false, settings: false })).rejects.toThrow(/inconsistent/)
    expect(f.customers.all()).toHaveLength(2)
  })

  it('makes one automatic backup a day and keeps the last N', async () => {
    const b = backupsOf(f)
    b.setKeep(2)
    for (let day = 0; day < 4; day++) {
      expect(await b.autoIfDue()).not.toBeNull()
      expect(await b.autoIfDue()).toBeNull()
      f.clock.ms += DAY * 1000
      // The next backup is due by the clock: the file times are set back a day to match.
      for (const n of readdirSync(join(f.dir, 'backups'))) {
        const t = new Date(f.clock.ms - DAY * 1000 - 60_000)
        utimesSync(join(f.dir, 'backups', n), t, t)
      }
    }
    expect(b.list().filter((x) => x.name!.startsWith('auto-'))).toHaveLength(2)
  })

  it('shows the renewal notification once a day, after the chosen hour, only when someone is due', () => {
    fill(f)
    const shown: string[] = []
    const s = new BookSchedule({ book: f.book, radar: f.radar, backups: backupsOf(f), notify: (n) => shown.push(n.body) })
    const at = (h: number) => {
      const d = new Date(NOW * 1000)
      d.setHours(h, 0, 0, 0)
      f.clock.ms = d.getTime()
    }
    f.radar.setSettings({ hour: 9, days: 3 })
    at(8)
    expect(s.remindIfDue()).toBe(false)
    at(10)
    expect(s.remindIfDue()).toBe(true)
    expect(s.remindIfDue()).toBe(false)
    expect(shown).toEqual(['1 customer expires in the next 3 days.'])
    f.radar.setSettings({ notify: false })
    f.clock.ms += DAY * 1000
    expect(s.remindIfDue()).toBe(false)
  })
})
