/**
 * Issue #11 §2: a lost answer is proof of nothing until the evidence says so.
 * Against the real simulator (its fault injection drops, resets and empties
 * answers) and the real journal file: a create whose key already exists is
 * refused before anything is sent; reconciliation settles a write only on
 * proof (create: the key was free before AND it is there now AND the balance
 * dropped; extend: the expiry moved by the package's duration AND the balance
 * dropped; adjust: both balances moved; delete/toggle: never a read error);
 * everything short of proof stays unknown with what was found.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { makeHarness, rejectsWith, type Harness } from './fixtures/harness'

const SETTLE = 60_000
let h: Harness
beforeEach(async () => {
  h = await makeHarness({ timeoutMs: 400, settleMs: SETTLE })
  await h.prime(['lines', 'mags', 'activecodes', 'subResellers'])
})
afterEach(async () => h.close())

const sent = (action: string) => h.sent.filter((r) => r.action === action).length
const applied = (action: string) => h.sim.ledger().filter((l) => l.action === action).length
const first = <T>(resource: 'lines' | 'mags' | 'activecodes' | 'subResellers') =>
  h.cache.query({ profileIds: [h.profileId], resource, offset: 0, limit: 1 }, 0).rows[0] as unknown as T
const me = () => h.sim.state.users.get(3)!
/** Step past the settle window, so an absence would count as proof. */
const later = () => (h.clock.offsetMs += SETTLE)

describe('a create whose key already exists is refused before anything is sent', () => {
  test.each(['http500empty', 'reset', 'applyThenDrop'] as const)('line username, answer lost (%s): nothing sent, nothing journaled', async (fault) => {
    const existing = first<{ id: number; username: string }>('lines')
    h.sim.faults.add({ action: 'create_line', kind: fault, times: 1 })
    const before = h.sim.credits()
    const e = await rejectsWith(
      h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, username: existing.username, password: 'secret-pass-1' }),
      'VALIDATION',
    )
    expect(e.message).toMatch(new RegExp(`username ${existing.username} already exists .*#${existing.id}.*nothing was charged`))
    expect(e.details).toMatchObject({ field: 'username', exists: true })
    expect(sent('create_line')).toBe(0)
    expect(h.spending.journal.query({}).total).toBe(0)
    expect(h.sim.credits()).toBe(before)
  })

  test('the cache does not know it yet: the fresh lookup on the panel finds it', async () => {
    const existing = first<{ id: number; username: string }>('lines')
    h.cache.replaceAll(h.profileId, 'lines', [], null, Date.now()) // a panel not synced since
    h.sim.faults.add({ action: 'create_line', kind: 'reset', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 2, trial: false, username: existing.username.toUpperCase() }), 'VALIDATION')
    expect(e.message).toMatch(/already exists on the panel/)
    expect(sent('get_lines')).toBeGreaterThan(0)
    expect(sent('create_line')).toBe(0)
  })

  test('MAC, activation code and sub-reseller name alike', async () => {
    const mag = first<{ mac: string }>('mags')
    const code = first<{ code: string }>('activecodes')
    const sub = first<{ username: string }>('subResellers')
    for (const action of ['create_mag', 'create_activecode', 'create_user']) h.sim.faults.add({ action, kind: 'applyThenDrop', times: 1 })
    const m = await rejectsWith(h.spending.handlers['mags:create']({ profileId: h.profileId, mac: mag.mac.toLowerCase(), packageId: 7, trial: false }), 'VALIDATION')
    expect(m.message).toMatch(/MAC address .* already exists/)
    const c = await rejectsWith(h.spending.handlers['activecodes:create']({ profileId: h.profileId, packageId: 2, trial: false, code: code.code }), 'VALIDATION')
    expect(c.message).toMatch(/activation code .* already exists/)
    const u = await rejectsWith(h.spending.handlers['subResellers:create']({ profileId: h.profileId, username: sub.username, password: 'secret-pass-1' }), 'VALIDATION')
    expect(u.message).toMatch(/username .* already exists/)
    expect(sent('create_mag') + sent('create_activecode') + sent('create_user')).toBe(0)
    expect(h.spending.journal.query({}).total).toBe(0)
  })

  test('when the panel cannot be asked whether the key is free, the create still goes out; a lost answer is then settled by the date the panel gives the row', async () => {
    // A big panel's list search times out while creates work: refusing them all would stop the reseller.
    h.sim.faults.add({ action: 'get_lines', kind: 'html503' })
    h.sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false, username: 'unchecked-01', password: 'secret-pass-1' }), 'OUTCOME_UNKNOWN')
    expect(sent('create_line')).toBe(1)
    const id = e.details!.journalId as number
    h.sim.faults.clear()
    const settled = await h.spending.handlers['journal:reconcile']({ id })
    expect(settled.outcome).toBe('succeeded')
    expect(settled.evidence).toMatch(/Found line unchecked-01 .* created after the send \(the panel dates it .*\); balance .* → settled as succeeded/)
    expect(sent('create_line')).toBe(1)
  })
})

describe('reconciling a create', () => {
  test('an entry whose key was never confirmed free (written before this check existed) is not settled by finding the key', async () => {
    const existing = first<{ id: number; username: string }>('lines')
    const j = h.spending.journal
    const id = j.recordIntent({
      profileId: h.profileId, profileName: 'Sim panel', action: 'create_line', resource: 'lines', target: existing.username,
      params: { username: existing.username, package: 2 }, expectedCost: 12, balanceBefore: h.sim.credits(),
      context: { kind: 'create', key: existing.username, packageId: 2, id: null, cost: 12 },
    })
    j.complete(id, { outcome: 'unknown', errorCode: 'OUTCOME_UNKNOWN', evidence: 'No clear answer.' })
    j.release(id)
    later()
    const e = await h.spending.handlers['journal:reconcile']({ id })
    expect(e.outcome).toBe('unknown')
    expect(e.evidence).toMatch(new RegExp(`Found line ${existing.username} .* not confirmed free before the send and the panel dates it .*, before the send`))
  })

  test('found, but our balance did not drop (someone else created that name meanwhile): unknown, with what was found', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'reset', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false, username: 'race-name-01', password: 'secret-pass-1' }), 'OUTCOME_UNKNOWN')
    const id = e.details!.journalId as number
    expect(applied('create_line')).toBe(0)
    // A sub-reseller creates the same name with its own key: its credits pay, not ours.
    const sub = [...h.sim.state.users.rows].find((u) => u.owner_id === 3)!
    sub.credits = 100
    const r = await fetch(`${h.sim.baseUrl}?api_key=${sub.api_key}&action=create_line&username=race-name-01&password=secret-pass-2&package=1`)
    expect(((await r.json()) as { status: string }).status).toBe('STATUS_SUCCESS')
    later()
    const settled = await h.spending.handlers['journal:reconcile']({ id })
    expect(settled.outcome).toBe('unknown')
    expect(settled.evidence).toMatch(/Found line race-name-01 .* but the balance did not drop by the price/)
    expect(sent('create_line')).toBe(1)
  })

  test('applied, answer lost: the evidence says what was found and how it was settled', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false, username: 'lost-answer-01', password: 'secret-pass-1' })
    const e = h.spending.journal.require(r.journalId)
    expect(e.outcome).toBe('succeeded')
    expect(e.evidence).toMatch(/^Found line lost-answer-01 \(id \d+\) on the panel, created after the send \(it was not there before\); balance \d+ → \d+ \(price 5\) → settled as succeeded\.$/)
    expect(r.item).toMatchObject({ username: 'lost-answer-01' })
  })

  test('an account whose usernames the panel chooses: a create not found under our name stays unknown, even once permissions read differently', async () => {
    const group = h.sim.state.groups.get(me().member_group_id)!
    group.allow_change_username = 0
    await h.prime() // the account as the panel says now: it may not choose usernames
    h.sim.faults.add({ action: 'create_line', kind: 'applyThenDrop', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false, username: 'ours-name-01', password: 'secret-pass-1' }), 'OUTCOME_UNKNOWN')
    expect(applied('create_line')).toBe(1) // under a name of the panel's own
    group.allow_change_username = 1
    await h.prime() // later the account may choose names: what counts is how it was when sent
    later()
    const settled = await h.spending.handlers['journal:reconcile']({ id: e.details!.journalId as number })
    expect(settled.outcome).toBe('unknown')
    expect(settled.evidence).toMatch(/may not choose usernames/)
  })
})

describe('reconciling an extension', () => {
  const newLine = async () => (await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false })).item!.id as number

  test('the expiry moved, but not by the package duration (someone else changed it): unknown, even though the balance dropped', async () => {
    const id = await newLine()
    h.sim.faults.add({ action: 'edit_line', kind: 'reset', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 }), 'OUTCOME_UNKNOWN')
    // Not applied; meanwhile the expiry moves by three days and our balance drops by more than the price.
    h.sim.state.lines.get(id)!.exp_date! += 3 * 86400
    h.sim.setCredits(h.sim.credits() - 20)
    later()
    const settled = await h.spending.handlers['journal:reconcile']({ id: e.details!.journalId as number })
    expect(settled.outcome).toBe('unknown')
    expect(settled.evidence).toMatch(/Expiry moved .* which is not the package's 3 months/)
    expect(applied('edit_line')).toBe(0)
  })

  test('applied, answer lost: moved by the duration and charged → succeeded, saying so', async () => {
    const id = await newLine()
    h.sim.faults.add({ action: 'edit_line', kind: 'applyThenDrop', times: 1 })
    const r = await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    expect(h.spending.journal.require(r.journalId).evidence).toMatch(/Expiry moved .* \(the package's 3 months\); balance .* \(price 12\) → settled as succeeded\./)
  })

  test('bouquets are sent only when the account may change them', async () => {
    const id = await newLine()
    h.sim.state.groups.get(me().member_group_id)!.allow_change_bouquets = 0
    await h.prime()
    await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    const edit = h.sent.filter((s) => s.action === 'edit_line').at(-1)!
    expect(edit.params).toMatch(/package=2/)
    expect(edit.params).not.toMatch(/bouquets_selected/)

    h.sim.state.groups.get(me().member_group_id)!.allow_change_bouquets = 1
    await h.prime()
    await h.spending.handlers['lines:extend']({ profileId: h.profileId, id, packageId: 2 })
    expect(h.sent.filter((s) => s.action === 'edit_line').at(-1)!.params).toMatch(/bouquets_selected/)
  })
})

describe('reconciling a credit transfer: both balances must move', () => {
  test('credits pulled back, not applied; the sub-reseller spent the same amount meanwhile: unknown', async () => {
    const sub = first<{ id: number }>('subResellers')
    h.sim.state.users.get(sub.id)!.credits = 50
    h.sim.faults.add({ action: 'adjust_credits', kind: 'reset', times: 1 })
    const e = await rejectsWith(h.spending.handlers['subResellers:adjustCredits']({ profileId: h.profileId, id: sub.id, credits: -2 }), 'OUTCOME_UNKNOWN')
    h.sim.state.users.get(sub.id)!.credits -= 2 // its own spending: our balance did not rise
    later()
    const settled = await h.spending.handlers['journal:reconcile']({ id: e.details!.journalId as number })
    expect(settled.outcome).toBe('unknown')
    expect(settled.evidence).toMatch(/do not both show a transfer of -2/)
    expect(applied('adjust_credits')).toBe(0)
  })
})

describe('delete / disable / enable: a read error is never proof', () => {
  const newLine = async () => (await h.spending.handlers['lines:create']({ profileId: h.profileId, packageId: 1, trial: false })).item!.id as number

  test('delete not applied; the check hits a database error (STATUS_FAILURE with a text): unknown, not "deleted"', async () => {
    const id = await newLine()
    h.sim.faults.add({ action: 'delete_line', kind: 'reset', times: 1 })
    h.sim.faults.add({ action: 'get_line', kind: 'dbError', times: 1 })
    const e = await rejectsWith(h.spending.handlers['lines:delete']({ profileId: h.profileId, id }), 'OUTCOME_UNKNOWN')
    expect(h.spending.journal.require(e.details!.journalId as number).outcome).toBe('unknown')
    expect(h.sim.state.lines.get(id)).toBeTruthy()
    // Checked again with the panel healthy: the line is there, so it was not deleted.
    later()
    const settled = await h.spending.handlers['journal:reconcile']({ id: e.details!.journalId as number })
    expect(settled).toMatchObject({ outcome: 'failed' })
    expect(settled.evidence).toMatch(/still on the panel → settled as not applied/)
  })

  test.each(['disable', 'enable'] as const)('%s not applied; the check cannot read the row: unknown', async (kind) => {
    const id = await newLine()
    if (kind === 'enable') await h.spending.handlers['lines:disable']({ profileId: h.profileId, id })
    h.sim.faults.add({ action: `${kind}_line`, kind: 'http500empty', times: 1 })
    h.sim.faults.add({ action: 'get_line', kind: 'dbError', times: 1 })
    const e = await rejectsWith(h.spending.handlers[`lines:${kind}`]({ profileId: h.profileId, id }), 'OUTCOME_UNKNOWN')
    expect(h.spending.journal.require(e.details!.journalId as number).outcome).toBe('unknown')
  })
})
