/** CSV import (preview, then apply) and export of the customer book, over real SQLite files. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCsv, toE164 } from '../../../electron/core/customers/customer-csv'
import { line, mag } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

const CSV = [
  'Name;Phone;Username',
  'Anna Kowalski;+49 170 1234567;anna-n',
  'Anna Kowalski;+49 170 1234567;00:1A:79:00:00:05',
  '"Bob ""B"" Marley";0049 11 98765432;nobody',
  ';+4917000000;anna-s',
  'Carl;0170 123;carl',
].join('\r\n')

describe('customer CSV', () => {
  beforeEach(() => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna-n' })])
    f.sync(f.south, 'lines', [line(2, { username: 'carl' })])
    f.sync(f.south, 'mags', [mag(5)])
  })

  it('previews matches across panels, misses and bad rows before changing anything', () => {
    const p = f.csv.preview(CSV)
    expect(p.rows.map((r) => [r.line, r.name, r.phone, r.matches.map((m) => `${m.profileId === f.north.id ? 'N' : 'S'}:${m.resource}:${m.key}`), r.problem !== null])).toEqual([
      [2, 'Anna Kowalski', '+491701234567', ['N:lines:anna-n'], false],
      [3, 'Anna Kowalski', '+491701234567', ['S:mags:00:1A:79:00:00:05'], false],
      [4, 'Bob "B" Marley', '+491198765432', [], false],
      [5, '', '+4917000000', [], true],
      [6, 'Carl', null, ['S:lines:carl'], true],
    ])
    expect([p.matched, p.missed, p.invalid]).toEqual([3, 1, 1])
    expect(f.customers.list({}).total).toBe(0)
  })

  it('applies: one customer per name and phone, joined to an existing one, links attached', () => {
    const existing = f.customers.create(anna)
    const r = f.csv.apply(CSV)
    expect(r).toEqual({ created: 2, joined: 1, linked: 3, skipped: [] })
    expect(f.links.ofCustomer(existing.id).map((l) => l.key)).toEqual(['anna-n', '00:1A:79:00:00:05'])
    // Again: nothing doubles.
    expect(f.csv.apply(CSV)).toMatchObject({ created: 0, linked: 3 })
    expect(f.customers.list({}).total).toBe(3)
  })

  it('exports every customer with their subscriptions, phone protected from spreadsheet formulas', () => {
    f.csv.apply(CSV)
    const { csv, filename } = f.csv.exportCsv()
    expect(filename).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = parseCsv(csv)
    expect(rows[0]).toEqual(['name', 'phone', 'email', 'telegram', 'language', 'tags', 'notes', 'panel', 'kind', 'username', 'expiry', 'state'])
    expect(rows.find((x) => x[9] === 'anna-n')?.slice(0, 2)).toEqual(['Anna Kowalski', "'+491701234567"])
    // What we export, we import back.
    expect(f.csv.preview(csv).rows.find((x) => x.key === 'anna-n')?.phone).toBe('+491701234567')
  })

  it('normalises international phone numbers only', () => {
    expect(toE164('+55 (11) 98765-4321')).toBe('+5511987654321')
    expect(toE164('0044 20 7946 0000')).toBe('+442079460000')
    expect(toE164('020 7946 0000')).toBeNull()
    expect(toE164('+12')).toBeNull()
  })

  it('says clearly what is wrong with an unusable file', () => {
    expect(() => f.csv.preview('')).toThrow(/empty/)
    expect(() => f.csv.preview('name,phone,colour\nA,+4917012345,red')).toThrow(/no username \/ MAC column/)
  })
})
