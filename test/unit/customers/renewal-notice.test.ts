/**
 * The daily renewal notification opens the renewal radar when clicked (not the
 * credits, as the credit alerts do): the notice carries the command main sends
 * to the page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BookSchedule } from '../../../electron/core/customers/book-schedule'
import { commandOf, type Notice } from '../../../electron/main/notifications'
import { DAY, line } from '../../helpers/rows'
import { anna, bookFixture, type BookFixture } from './book-fixture'

let f: BookFixture
beforeEach(async () => {
  f = await bookFixture()
})
afterEach(() => f.close())

describe('renewal notification', () => {
  it('names the radar as what a click opens', () => {
    const d = new Date(f.clock.ms)
    d.setHours(10, 0, 0, 0)
    f.clock.ms = d.getTime()
    const sec = Math.floor(f.clock.ms / 1000)
    f.sync(f.north, 'lines', [line(1, { username: 'due', expDate: sec + 2 * DAY })])
    const c = f.customers.create(anna)
    f.links.attach(c.id, [{ profileId: f.north.id, resource: 'lines', key: 'due', id: 1 }])
    const shown: Notice[] = []
    // The backups are not part of this check (remindIfDue alone).
    const s = new BookSchedule({ book: f.book, radar: f.radar, backups: null as never, notify: (n) => shown.push(n) })
    expect(s.remindIfDue()).toBe(true)
    expect(shown).toEqual([{ title: 'Renewals due', body: '1 customer expires in the next 3 days.', command: 'open-radar' }])
    expect(commandOf(shown[0]!)).toBe('open-radar')
    // Credit alerts name no command: a click opens the credits as before.
    expect(commandOf({ title: 'Low credits', body: 'Main: 8 credits' })).toBe('open-credits')
  })
})
