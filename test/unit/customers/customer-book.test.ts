/** The customer book against real SQLite files: customers, links that survive the panel, damage, search. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CustomerBook } from '../../../electron/core/customers/book'
import { isAppError } from '../../../electron/core/errors'
import { DAY, line, mag, NOW } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

describe('customer book', () => {
  it('links lines on two panels to one customer and shows both with expiry and status', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna-n', expDate: NOW + 5 * DAY })])
    f.sync(f.south, 'lines', [line(9, { username: 'anna-s', expDate: NOW - DAY })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [
      { profileId: f.north.id, resource: 'lines', key: 'anna-n', id: 1 },
      { profileId: f.south.id, resource: 'lines', key: 'anna-s', id: 9 },
    ])
    const links = f.links.ofCustomer(c.id)
    expect(links.map((l) => [l.profileId, l.key, l.state, l.expDate, l.status])).toEqual([
      [f.north.id, 'anna-n', 'present', NOW + 5 * DAY, 'active'],
      [f.south.id, 'anna-s', 'present', NOW - DAY, 'expired'],
    ])
    expect(f.customers.require(c.id).linkCount).toBe(2)
  })

  it('keeps a link through a re-sync that renumbers the line, a rebuilt cache and a restart', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna-n' })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ profileId: f.north.id, resource: 'lines', key: 'anna-n', id: 1 }])
    f.sync(f.north, 'lines', [line(77, { username: 'ANNA-N' })])
    f.reopen()
    const [l] = f.links.ofCustomer(c.id)
    expect(l).toMatchObject({ state: 'present', id: 77, resource: 'lines' })
  })

  it('says "gone from the panel" when the panel no longer has it, and "unknown" before any sync', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna-n' })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [
      { profileId: f.north.id, resource: 'lines', key: 'anna-n', id: 1 },
      { profileId: f.south.id, resource: 'mags', key: '00:1A:79:00:00:05', id: null },
    ])
    f.sync(f.north, 'lines', [line(2)])
    const links = f.links.ofCustomer(c.id)
    expect(links.map((l) => l.state)).toEqual(['gone', 'unknown'])
    // Back on the panel (restored there): present again.
    f.sync(f.north, 'lines', [line(3, { username: 'anna-n' })])
    expect(f.links.ofCustomer(c.id)[0]!.state).toBe('present')
  })

  it('follows a MAG device converted to a line (same username, docs/panel-api.md §4)', () => {
    const device = mag(5, { username: 'magline5' })
    f.sync(f.north, 'mags', [device])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ profileId: f.north.id, resource: 'mags', key: device.mac, id: 5 }])
    f.sync(f.north, 'mags', [])
    f.sync(f.north, 'lines', [line(1005, { username: 'magline5' })])
    expect(f.links.owners([{ profileId: f.north.id, resource: 'lines', key: 'magline5' }])).toEqual([
      { profileId: f.north.id, resource: 'lines', key: 'magline5', customerId: c.id, name: anna.name },
    ])
    const [l] = f.links.ofCustomer(c.id)
    expect(l).toMatchObject({ resource: 'lines', key: 'magline5', id: 1005, state: 'present' })
  })

  it('refuses to give one subscription two owners, by name', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'shared' })])
    const a = f.customers.create(anna)
    const b = f.customers.create({ ...anna, name: 'Bob', phone: null })
    f.links.attach(a.id, [{ profileId: f.north.id, resource: 'lines', key: 'shared', id: 1 }])
    expect(() => f.links.attach(b.id, [{ profileId: f.north.id, resource: 'lines', key: 'shared', id: 1 }])).toThrow(/already belongs to Anna Kowalski/)
  })

  it('finds customers by name words in any order and by phone digits however typed', () => {
    f.customers.create(anna)
    f.customers.create({ ...anna, name: 'Bob Marley', phone: '+5511987654321', tags: [] })
    const names = (search: string) => f.customers.list({ search }).rows.map((c) => c.name)
    expect(names('kowal anna')).toEqual(['Anna Kowalski'])
    expect(names('+49 170 1234')).toEqual(['Anna Kowalski'])
    expect(names('0170 123')).toEqual(['Anna Kowalski'])
    expect(names('98765')).toEqual(['Bob Marley'])
    expect(f.customers.list({ tag: 'vip' }).rows.map((c) => c.name)).toEqual(['Anna Kowalski'])
    expect(f.customers.list({}).tags).toEqual(['vip'])
  })

  it('removes a customer with their links', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna-n' })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ profileId: f.north.id, resource: 'lines', key: 'anna-n', id: 1 }])
    f.customers.remove(c.id)
    expect(f.links.owners([{ profileId: f.north.id, resource: 'lines', key: 'anna-n' }])).toEqual([])
    expect(() => f.customers.require(c.id)).toThrow(/no customer/)
  })

  it('reports a damaged customers.db, never replaces it, and changes nothing', () => {
    f.customers.create(anna)
    f.book.close()
    const file = join(f.dir, 'customers.db')
    const bytes = readFileSync(file)
    const damaged = Buffer.from(bytes)
    damaged.write('this is not a database header', 0)
    writeFileSync(file, damaged)
    const book = new CustomerBook(file, () => NOW * 1000)
    expect(book.problem).toMatch(/cannot be read.*Nothing was changed or deleted.*Restore it from a backup/)
    let error: unknown
    try {
      void book.db
    } catch (e) {
      error = e
    }
    expect(isAppError(error) && error.code).toBe('CACHE_ERROR')
    expect(readFileSync(file).equals(damaged)).toBe(true)
    book.close()
  })

  it('does not take a stranger SQLite file for a customer book', () => {
    f.book.close()
    const file = join(f.dir, 'other.db')
    const db = new Database(file)
    db.exec('CREATE TABLE t (x)')
    db.close()
    const book = new CustomerBook(file, () => 0)
    expect(book.problem).toMatch(/not a customer book of this app/)
    book.close()
  })
})
