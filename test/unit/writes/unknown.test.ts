/**
 * Lost answers. A write that got no clear answer is journaled 'unknown', NEVER
 * resent, and checked once by reading: proof that it applied → success with
 * extra.reconciled; otherwise OUTCOME_UNKNOWN until "check again" (after the
 * settle window) or the user decides.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { makeHarness, rejectsWith, type Harness } from '../../integration/spending/fixtures/harness'

let h: Harness
const SETTLE = 60_000
beforeEach(async () => {
  h = await makeHarness({ timeoutMs: 400, settleMs: SETTLE })
  await h.prime(['lines', 'mags', 'activecodes', 'subResellers'])
})
afterEach(async () => h.close())

const count = (action: string) => h.sent.filter((r) => r.action === action).length
const applied = (action: string) => h.sim.ledger().filter((l) => l.action === action).length
const newLine = async () => (await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false })).item!.id as number
const firstSub = () => (h.cache.query({ profileIds: [h.profileId], resource: 'subResellers', offset: 0, limit: 1 }, 0).rows[0] as { id: number }).id

describe('applied, answer lost (applyThenDrop) → proven by reading', () => {
  test('create line: found by the username we chose', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false })
    expect(r.extra).toMatchObject({ reconciled: true })
    expect(count('create_line')).toBe(1)
    expect(applied('create_line')).toBe(1)
    const e = h.spending.journal.require(r.journalId)
    expect(e).toMatchObject({ outcome: 'succeeded', errorCode: 'OUTCOME_UNKNOWN' })
    expect(e.evidence).toMatch(/Found line .* created after the send .*balance .* settled as succeeded/)
    const transitions = h.spending.journal.events(r.journalId).filter((x) => x.fromOutcome !== x.toOutcome)
    expect(transitions.map((x) => x.toOutcome)).toEqual(['pending', 'unknown', 'succeeded'])
    expect(h.cache.getRow(h.profileId, 'lines', r.item!.id as number)).not.toBeNull()
    expect(h.cache.getAccount(h.profileId)!.info.credits).toBe(h.sim.credits())
  })

  test('extend: expiry moved and the balance dropped', async () => {
    const id = await newLine()
    h.sim.faults.add({ action: 'edit_line', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    expect(r.extra).toMatchObject({ reconciled: true })
    expect(h.spending.journal.require(r.journalId).evidence).toMatch(/Expiry moved .* balance/)
    expect(count('edit_line')).toBe(1)
  })

  test.each([
    ['disable', 'disable_line'],
    ['delete', 'delete_line'],
  ] as const)('%s: the flag / the absence shows it', async (kind, action) => {
    const id = await newLine()
    h.sim.faults.add({ action, kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers[`lines:${kind}`]({ profileId: h.profileId, id })
    expect(r.extra).toMatchObject({ reconciled: true })
    expect(count(action)).toBe(1)
    if (kind === 'delete') expect(h.cache.getRow(h.profileId, 'lines', id)).toBeNull()
  })

  test('adjust credits: both balances moved', async () => {
    const id = firstSub()
    const child = h.sim.state.users.get(id)!.credits
    h.sim.faults.add({ action: 'adjust_credits', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['subResellers:adjustCredits']({ profileId: h.profileId, id, credits: 7 })
    expect(r.extra).toMatchObject({ reconciled: true, subResellerAfter: child + 7 })
    expect(h.spending.journal.require(r.journalId).evidence).toMatch(/Both balances moved by 7/)
    expect(count('adjust_credits')).toBe(1)
  })

  test('reset code and convert MAG', async () => {
    const code = (h.cache.query({ profileIds: [h.profileId], resource: 'activecodes', offset: 0, limit: 1 }, 0).rows[0] as { id: number; code: string })
    h.sim.faults.add({ action: 'reset_activecode', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['activecodes:reset']({ profileId: h.profileId, id: code.id })
    expect(r.extra).toMatchObject({ reconciled: true, oldCode: code.code })
    expect((r.extra as { newCode: string }).newCode).not.toBe(code.code)

    const mag = h.cache.query({ profileIds: [h.profileId], resource: 'mags', offset: 0, limit: 1 }, 0).rows[0] as { id: number; lineId: number }
    h.sim.faults.add({ action: 'convert_mag', kind: 'applyThenDrop', times: 1 })
    const c = await h.spending.handlers['mags:convert']({ profileId: h.profileId, id: mag.id })
    expect(c.extra).toMatchObject({ reconciled: true })
    expect(c.item).toMatchObject({ id: mag.lineId })
    expect(h.cache.getRow(h.profileId, 'mags', mag.id)).toBeNull()
    expect(h.cache.getRow(h.profileId, 'lines', mag.lineId)).not.toBeNull()
  })
})

describe('not applied, no answer (stall, reset) → unknown until it can be proven', () => {
  test('a stalled create stays unknown right away (it may still be running), and settles as failed later', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'stall', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, username: 'stalled-user1' }), 'OUTCOME_UNKNOWN')
    const id = e.details!.journalId as number
    expect(e.outcome).toBe('unknown')
    expect(e.message).toMatch(/NOT resent/)
    expect(count('create_line')).toBe(1)
    expect(h.spending.journal.require(id)).toMatchObject({ outcome: 'unknown' })
    expect(h.spending.journal.require(id).evidence).toMatch(/not yet proof/)

    // "Check again" inside the settle window: still unknown.
    expect((await h.spending.handlers['journal:reconcile']({ id })).outcome).toBe('unknown')
    h.clock.offsetMs += SETTLE
    const settled = await h.spending.handlers['journal:reconcile']({ id })
    expect(settled).toMatchObject({ outcome: 'failed' })
    expect(settled.evidence).toMatch(/No line stalled-user1 is on the panel → settled as not applied/)
    expect(count('create_line')).toBe(1)
    expect(applied('create_line')).toBe(0)
  })

  test('a connection reset during adjust_credits: unknown, then failed by the balances', async () => {
    const id = firstSub()
    h.sim.faults.add({ action: 'adjust_credits', kind: 'reset', times: 1 })
    const e = await rejectsWith(h.spending.handlers['subResellers:adjustCredits']({ profileId: h.profileId, id, credits: 4 }), 'OUTCOME_UNKNOWN')
    h.clock.offsetMs += SETTLE
    const settled = await h.spending.handlers['journal:reconcile']({ id: e.details!.journalId as number })
    expect(settled.outcome).toBe('failed')
    expect(settled.evidence).toMatch(/no transfer/)
    expect(count('adjust_credits')).toBe(1)
  })

  test('panel offline during the check: stays unknown; the user decides with a note', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'stall', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false }), 'OUTCOME_UNKNOWN')
    const id = e.details!.journalId as number
    h.clock.offsetMs += SETTLE
    h.sim.faults.add({ action: 'get_lines', kind: 'html503' })
    const still = await h.spending.handlers['journal:reconcile']({ id })
    expect(still.outcome).toBe('unknown')
    expect(still.evidence).toMatch(/could not be read/)
    const decided = await h.spending.handlers['journal:decide']({ id, outcome: 'failed', note: 'checked the panel by hand' })
    expect(decided).toMatchObject({ outcome: 'failed', evidence: 'Decided by the user: checked the panel by hand' })
    await expect(h.spending.handlers['journal:decide']({ id, outcome: 'succeeded', note: '' })).rejects.toThrow(/already settled/)
  })

  test('a 503 from nginx is a certain failure: failed, not unknown', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'html503', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false }), 'RATE_LIMITED')
    expect(h.spending.journal.require(e.details!.journalId as number).outcome).toBe('failed')
  })
})

describe('journal handlers', () => {
  test('query and CSV export', async () => {
    await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, notes: '=HYPERLINK("x")' })
    const q = await h.spending.handlers['journal:query']({ offset: 0, limit: 10 })
    expect(q.total).toBe(1)
    const csv = await h.spending.handlers['journal:exportCsv']({ offset: 0, limit: 10 })
    expect(csv.filename).toMatch(/^journal-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = csv.csv.trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^id,started,finished,panel,action/)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('create_line')
    expect(csv.csv).not.toContain(h.sim.apiKey)
  })
})
