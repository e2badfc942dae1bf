/**
 * A list's search finds rows by their customer too (issue #13 §1): typing a
 * customer's name or phone in the Lines list shows that customer's lines, and
 * only theirs — the same username on another panel is another subscription.
 * Through the real core: the simulator over HTTP, real cache.db and customers.db.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import type { Profile } from '../../../electron/shared/profile'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, waitForSync, type TestCore } from './helpers'

describe("a list's search finds a customer's subscriptions", () => {
  let sim: RunningSimulator
  let t: TestCore
  let north: Profile
  let south: Profile
  let owned: Line
  let other: Line

  const search = async (text: string, profileIds: string[] | 'all' = 'all') => {
    const r = await t.call('cache:query', { profileIds, resource: 'lines', search: text, offset: 0, limit: 100 })
    return r.rows.map((row) => `${row.profileId === north.id ? 'North' : 'South'}:${(row as unknown as Line).username}`).sort()
  }

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, lines: 30, mags: 2, enigmas: 2, activecodes: 2, subResellers: 1 })
    t = await makeCore()
    // Two panels on one simulator: the same usernames exist on both, as two different subscriptions.
    north = await addSimPanel(t, sim, 'North')
    south = await addSimPanel(t, sim, 'South')
    for (const p of [north, south]) {
      const from = t.events.length
      await t.call('sync:run', { profileIds: [p.id] })
      await waitForSync(t, p.id, ['lines'], from)
    }
    const page = await t.call('cache:query', { profileIds: [north.id], resource: 'lines', offset: 0, limit: 2 })
    ;[owned, other] = page.rows as unknown as Line[] as [Line, Line]
    const anna = await t.call('customers:create', { name: 'Quenby Oyelaran', phone: '+491701234567', email: null, telegram: null, channel: null, language: 'en', tags: [], notes: '' })
    await t.call('customers:attach', { customerId: anna.id, items: [{ profileId: north.id, resource: 'lines', key: owned.username, id: owned.id }] })
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await sim?.close()
  })

  it("by the customer's name words, in any order", async () => {
    expect(await search('Oyelaran')).toEqual([`North:${owned.username}`])
    expect(await search('oyelaran quenby')).toEqual([`North:${owned.username}`])
  })

  it('by the phone number however it is typed', async () => {
    expect(await search('0170 1234567')).toEqual([`North:${owned.username}`])
    expect(await search('+49 170 123')).toEqual([`North:${owned.username}`])
  })

  it('within the panels the list shows, and still by the row text itself', async () => {
    expect(await search('Oyelaran', [south.id])).toEqual([])
    expect(await search(other.username)).toEqual(expect.arrayContaining([`North:${other.username}`, `South:${other.username}`]))
  })

  it('a text that names no customer finds nothing more', async () => {
    expect(await search('Nobody Such')).toEqual([])
  })
})
