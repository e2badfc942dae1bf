/**
 * The owners index behind the radar's customer names (links.ts) is rebuilt when
 * links or customers' names change — and only then: the radar reloads after every
 * snooze, reminder and payment, and rebuilding 20k customers' links each time is
 * most of its cost (test/bench/radar.ts). Real SQLite files.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { line, NOW } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

const key = { profileId: '', resource: 'lines' as const, key: 'anna1' }

describe('owners index', () => {
  it('is kept through writes that change no owner: snooze, reminder, payment, settings', () => {
    f.sync(f.north, 'lines', [line(1, { username: 'anna1' })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ ...key, profileId: f.north.id, id: 1 }])
    const index = f.links.ownerMap()
    f.radar.snooze([{ ...key, profileId: f.north.id }], 3)
    f.radar.noteReminder({ ...key, profileId: f.north.id }, f.clock.ms)
    f.payments.record({ customerId: c.id, item: null, packageId: null, amount: 5, method: 'cash', note: '', journalId: null })
    f.radar.setSettings({ days: 5 })
    f.customers.update(c.id, { notes: 'pays on Fridays' })
    // Resolving the link records the cache's id in the book: no owner changes either.
    f.sync(f.north, 'lines', [line(9, { username: 'anna1' })])
    f.links.ofCustomer(c.id)
    expect(f.links.ownerMap()).toBe(index)
  })

  it('is rebuilt when a link is attached, moved or detached, or a customer renamed or removed', () => {
    const c = f.customers.create(anna)
    const owner = () => f.links.ownerOf(f.north.id, 'lines', 'anna1')?.name ?? null
    expect(owner()).toBeNull()
    const [link] = f.links.attach(c.id, [{ ...key, profileId: f.north.id, id: 1 }])
    expect(owner()).toBe(anna.name)
    f.customers.update(c.id, { name: 'Anna K.' })
    expect(owner()).toBe('Anna K.')
    f.links.detach(link!.linkId)
    expect(owner()).toBeNull()
    f.links.attach(c.id, [{ ...key, profileId: f.north.id, id: 1 }])
    expect(owner()).toBe('Anna K.')
    f.customers.remove(c.id)
    expect(owner()).toBeNull()
  })

  it('is rebuilt when the file is reopened (a restore swaps it), whatever its counter says', () => {
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ ...key, profileId: f.north.id, id: 1 }])
    const index = f.links.ownerMap()
    f.book.open()
    expect(f.links.ownerMap()).not.toBe(index)
    expect(f.links.ownerOf(f.north.id, 'lines', 'anna1')?.name).toBe(anna.name)
  })

  it('is asked for once per radar query, not once per row: each ask reads the book', () => {
    // Each ask is a query of the book's meta table; per row it was a quarter of the radar's time (test/bench/radar.ts).
    f.sync(f.north, 'lines', Array.from({ length: 30 }, (_, i) => line(i + 1, { username: `u${i + 1}`, expDate: NOW + (i + 1) * 3600 })))
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ ...key, profileId: f.north.id, key: 'u2', id: 2 }])
    const asks = vi.spyOn(f.book, 'ownersVersion')
    const radar = f.radar.query({ window: 'all' })
    expect(radar.rows).toHaveLength(30)
    expect(radar.rows.filter((r) => r.customerName === anna.name).map((r) => r.key)).toEqual(['u2'])
    expect(asks).toHaveBeenCalledTimes(1)
  })
})
