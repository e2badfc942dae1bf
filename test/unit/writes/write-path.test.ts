/**
 * The one write path, against the real simulator and client: journal before
 * send, cache and balance after, refusals before anything is sent, the edit
 * merge on the wire, BUSY on a double click.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { makeHarness, rejectsWith, type Harness } from '../../integration/spending/fixtures/harness'

let h: Harness
beforeEach(async () => {
  h = await makeHarness()
  await h.prime(['lines'])
})
afterEach(async () => h.close())

const writes = (action: string) => h.sent.filter((r) => r.action === action)

describe('executeWrite', () => {
  test('the intent is in the journal before the request leaves; cache, balance and events after', async () => {
    let pendingAtSend: unknown = null
    h.onSend = (req) => {
      if (req.action === 'create_line') pendingAtSend = h.spending.journal.query({ outcomes: ['pending'] }).rows[0]
    }
    const before = h.sim.credits()
    const r = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, username: 'carol2024', password: 'pw-carol-77', notes: 'new' })
    expect(pendingAtSend).toMatchObject({ action: 'create_line', target: 'carol2024', outcome: 'pending', params: { password: '••••' } })
    expect(r.cost).toBe(before - h.sim.credits())
    expect(r.balanceBefore).toBe(before)
    expect(r.balanceAfter).toBe(h.sim.credits())
    expect(r.item).toMatchObject({ username: 'carol2024', resellerNotes: 'new' })
    const id = r.item!.id as number
    expect(h.cache.getRow(h.profileId, 'lines', id)).toMatchObject({ username: 'carol2024' })
    expect(h.cache.getAccount(h.profileId)?.info.credits).toBe(h.sim.credits())
    expect(h.spending.journal.require(r.journalId)).toMatchObject({ outcome: 'succeeded', balanceAfter: h.sim.credits(), expectedCost: r.cost })
    expect(h.events.some((e) => e.name === 'cache:changed')).toBe(true)
    expect(h.events.some((e) => e.name === 'journal:changed')).toBe(true)
    expect(h.spendCalls).toEqual([h.profileId])
    expect(writes('create_line')).toHaveLength(1)
  })

  test('an empty username gets a client-chosen one (so a lost answer can be looked up)', async () => {
    const r = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false })
    const sent = new URLSearchParams(writes('create_line')[0]!.params)
    expect(sent.get('username')).toMatch(/^[2-9a-zA-Z]{10}$/)
    expect(sent.get('password')).toMatch(/^[2-9a-zA-Z]{10}$/)
    expect(r.item!.username).toBe(sent.get('username'))
    expect(h.spending.journal.require(r.journalId).target).toBe(sent.get('username'))
  })

  test('a cached balance known to be too low is refused before anything is sent or journaled', async () => {
    h.cache.setAccount(h.profileId, { ...h.cache.getAccount(h.profileId)!.info, credits: 3 }, Date.now())
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false }), 'INSUFFICIENT_CREDITS')
    expect(e.message).toMatch(/Nothing was sent/)
    expect(writes('create_line')).toHaveLength(0)
    expect(h.spending.journal.query({}).total).toBe(0)
  })

  test('a panel refusal is journaled as failed with its code', async () => {
    // Another reseller's line: invisible to our lookups, but line usernames are unique panel-wide (docs/panel-api.md §9.2).
    const foreign = h.sim.state.lines.rows.find((l) => l.member_id === 2)!
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, username: foreign.username }), 'EXISTS_USERNAME')
    expect(h.spending.journal.require(e.details!.journalId as number)).toMatchObject({ outcome: 'failed', errorCode: 'EXISTS_USERNAME' })
  })

  test('a second write to the same target while one is in flight is BUSY; only one request is sent', async () => {
    const line = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false })
    const id = line.item!.id as number
    h.sim.faults.add({ action: 'edit_line', kind: 'latency', latencyMs: 150 })
    const first = h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    const second = h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    await rejectsWith(second, 'BUSY')
    await first
    expect(writes('edit_line')).toHaveLength(1)
    expect(h.sim.ledger().filter((l) => l.action === 'edit_line')).toHaveLength(1)
    // Once the first has finished the target is free again.
    await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    expect(writes('edit_line')).toHaveLength(2)
  })
})

describe('edits resend what the panel would blank, on the wire (panel-api §2, §4)', () => {
  test('notes, allowed IPs and the ISP lock survive an edit; unlocking omits is_isplock', async () => {
    const created = await h.spending.handlers['lines:create']({
      profileId: h.profileId, packageId: 2, trial: false, ispLock: true, notes: 'VIP <client>', allowedIps: ['10.0.0.1', '10.0.0.2'],
    })
    const id = created.item!.id as number
    const simLine = () => h.sim.state.lines.get(id)!
    expect(simLine()).toMatchObject({ is_isplock: 1, reseller_notes: 'VIP <client>', allowed_ips: ['10.0.0.1', '10.0.0.2'] })

    await h.spending.handlers['lines:edit']({ profileId: h.profileId, id, password: 'changed-pass-1' })
    const edit = new URLSearchParams(writes('edit_line')[0]!.params)
    expect(edit.get('reseller_notes')).toBe('VIP <client>')
    expect(edit.getAll('allowed_ips[]')).toEqual(['10.0.0.1', '10.0.0.2'])
    expect(edit.get('is_isplock')).toBe('1')
    expect(simLine()).toMatchObject({ is_isplock: 1, reseller_notes: 'VIP <client>', allowed_ips: ['10.0.0.1', '10.0.0.2'], password: 'changed-pass-1' })

    // The simulator tests presence (upstream isset): sending 0 would lock it. We omit it.
    await h.spending.handlers['lines:edit']({ profileId: h.profileId, id, ispLock: false })
    const unlock = new URLSearchParams(writes('edit_line')[1]!.params)
    expect(unlock.has('is_isplock')).toBe(false)
    expect(simLine()).toMatchObject({ is_isplock: 0, reseller_notes: 'VIP <client>' })

    // An extension is an edit too: it must not blank them either.
    await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    expect(simLine()).toMatchObject({ reseller_notes: 'VIP <client>', allowed_ips: ['10.0.0.1', '10.0.0.2'] })
    // No write anywhere in this test carried is_isplock=0.
    expect(h.sent.some((r) => /(^|&)is_isplock=0/.test(r.params))).toBe(false)
  })

  test('when the fresh read fails, the edit is refused and nothing is sent', async () => {
    const created = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, notes: 'keep me' })
    const id = created.item!.id as number
    h.sim.faults.add({ action: 'get_line', kind: 'html503' })
    const e = await rejectsWith(h.spending.handlers['lines:edit']({ profileId: h.profileId, id, notes: undefined, username: 'renamed-line' }), 'RATE_LIMITED')
    expect(e.message).toMatch(/Nothing was sent/)
    expect(writes('edit_line')).toHaveLength(0)
    expect(h.spending.journal.query({ actions: ['edit_line'] }).total).toBe(0)
    expect(h.sim.state.lines.get(id)!.reseller_notes).toBe('keep me')
  })
})
