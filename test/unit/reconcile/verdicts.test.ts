/**
 * Reconciliation's verdicts, one rule at a time, against a panel that is only
 * a table of answers (no simulator): what each kind of write must show on the
 * panel before a lost answer is settled, and where the line between
 * "succeeded", "failed" and "still unknown" lies (docs/panel-api.md §4, §7,
 * §8, §9.2). The whole loop against the simulator is in
 * test/unit/writes/unknown.test.ts and test/integration/spending/lost-answers.test.ts.
 */
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../../electron/core/api/api-error'
import type { XtreamClient } from '../../../electron/core/api/client'
import { reconcileEntry, readVerdict } from '../../../electron/core/reconcile'
import type { SpendingEnv, Verdict } from '../../../electron/core/writes/types'
import type { AccountInfo, Package } from '../../../electron/shared/domain'
import type { JournalEntry } from '../../../electron/shared/views'
import { account, DAY, pkg } from '../../helpers/rows'

const SENT_MS = Date.UTC(2025, 0, 15, 12) // when the write left
const SENT = SENT_MS / 1000
const SETTLE_MS = 60_000

type Answer = (params: Record<string, unknown>) => unknown
interface Panel {
  [action: string]: Answer
}

/** The panel's bare "no such item" (§8): the only read that proves absence. */
const absent = (action: string) => new ApiError({ code: 'FAILURE', action, outcome: 'failed', status: 'STATUS_FAILURE' })
/** The same status with the panel's own error text: a database error, never absence. */
const dbError = (action: string) => new ApiError({ code: 'FAILURE', action, outcome: 'failed', status: 'STATUS_FAILURE', details: { panelMessage: 'SQLSTATE[HY000]' } })

function client(panel: Panel): XtreamClient {
  return {
    call: async (action: string, params: Record<string, unknown>) => {
      const answer = panel[action]
      if (!answer) throw new Error(`the test panel has no ${action}`)
      return answer(params)
    },
  } as unknown as XtreamClient
}

function env(o: { nowMs?: number; account?: AccountInfo | null; packages?: Package[] } = {}): SpendingEnv {
  const acc = o.account === undefined ? account(100) : o.account
  return {
    settleMs: SETTLE_MS,
    ctx: {
      now: () => o.nowMs ?? SENT_MS + 10 * 60_000,
      cache: {
        getAccount: () => (acc ? { info: acc, at: 0 } : null),
        getPackages: () => o.packages ?? [],
      },
    },
  } as unknown as SpendingEnv
}

function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 1, profileId: 'p1', profileName: 'Main', action: 'create_line', resource: 'lines', target: 'alice', params: {},
    expectedCost: 0, balanceBefore: null, balanceAfter: null, outcome: 'unknown', errorCode: 'OUTCOME_UNKNOWN', errorMessage: null,
    evidence: null, response: null, bulkRunId: null, startedAt: SENT_MS, finishedAt: null, ...over,
  }
}

const verdict = (panel: Panel, e: Partial<JournalEntry>, ctx: Record<string, unknown>, o?: Parameters<typeof env>[0]): Promise<Verdict> =>
  readVerdict(env(o), client(panel), entry(e), ctx)
const balance = (credits: number): Panel => ({ user_info: () => account(credits) })
const page = (rows: Record<string, unknown>[], total: number | null = rows.length) => () => ({ rows, total })

describe('what every check shares', () => {
  test('an entry without an id, or of a kind the app does not know, carries nothing to check', async () => {
    for (const kind of ['extend', 'enable', 'disable', 'delete', 'convert', 'reset', 'adjust', 'edit', 'rename']) {
      const v = await verdict({}, {}, { kind })
      expect(v, kind).toEqual({ outcome: 'unknown', evidence: 'This entry carries nothing the app can check on the panel.' })
    }
    // The rest of the context recorded, the id missing: still nothing is read.
    const noId = [{ kind: 'adjust', credits: 10, childCreditsBefore: 20 }, { kind: 'edit', changed: { resellerNotes: { before: 'a', sent: 'b' } } }]
    for (const ctx of noId) expect((await verdict({}, {}, ctx)).evidence, ctx.kind).toBe('This entry carries nothing the app can check on the panel.')
  })

  test('a panel that cannot be read leaves it unknown and names the error code', async () => {
    const offline = { get_line: () => { throw new ApiError({ code: 'OFFLINE', action: 'get_line', outcome: 'failed' }) } }
    expect((await verdict(offline, {}, { kind: 'enable', id: 4 })).evidence).toBe('The panel could not be read to check (OFFLINE); try "check again" later.')
    const odd = { get_line: () => { throw 'socket hang up' } }
    expect(await verdict(odd, {}, { kind: 'enable', id: 4 })).toEqual({ outcome: 'unknown', evidence: 'The panel could not be read to check (ERROR); try "check again" later.' })
  })

  test('"not applied" is proof only once the panel has had settleMs to finish; other verdicts stand at once', async () => {
    const stillEnabled = client({ get_line: () => ({ id: 4, enabled: true }) })
    const disable = { kind: 'disable', id: 4 }
    const early = await reconcileEntry(env({ nowMs: SENT_MS + SETTLE_MS - 1 }), stillEnabled, entry(), disable)
    expect(early).toEqual({ outcome: 'unknown', evidence: 'The panel shows it still enabled. The panel may still be finishing the request, so this is not yet proof; check again in a minute.' })
    expect((await reconcileEntry(env({ nowMs: SENT_MS + SETTLE_MS }), stillEnabled, entry(), disable)).outcome).toBe('failed')
    const disabled = client({ get_line: () => ({ id: 4, enabled: false }) })
    expect((await reconcileEntry(env({ nowMs: SENT_MS + 1 }), disabled, entry(), disable)).outcome).toBe('succeeded')
  })
})

describe('enable / disable: the enabled flag', () => {
  test('the flag as wanted, the flag unchanged, or no flag at all', async () => {
    const row = (enabled: unknown) => ({ get_line: () => ({ id: 4, enabled }) })
    expect(await verdict(row(true), {}, { kind: 'enable', id: 4 })).toMatchObject({ outcome: 'succeeded', evidence: 'The panel shows it enabled.', item: { id: 4 } })
    expect(await verdict(row(false), {}, { kind: 'disable', id: 4 })).toMatchObject({ outcome: 'succeeded', evidence: 'The panel shows it disabled.' })
    expect(await verdict(row(false), {}, { kind: 'enable', id: 4 })).toMatchObject({ outcome: 'failed', evidence: 'The panel shows it still disabled.' })
    expect(await verdict(row(1), {}, { kind: 'enable', id: 4 })).toMatchObject({ outcome: 'unknown', evidence: "The panel's answer for #4 does not say whether it is enabled." })
  })
})

describe('delete: only a bare "not found" proves the row is gone (§8)', () => {
  test('gone, still there, or a read that failed', async () => {
    expect(await verdict({ get_mag: () => { throw absent('get_mag') } }, { resource: 'mags' }, { kind: 'delete', id: 9 })).toEqual({ outcome: 'succeeded', evidence: 'The panel answers that #9 does not exist.' })
    expect(await verdict({ get_mag: () => ({ id: 9 }) }, { resource: 'mags' }, { kind: 'delete', id: 9 })).toEqual({ outcome: 'failed', evidence: '#9 is still on the panel.', item: { id: 9 } })
    const v = await verdict({ get_mag: () => { throw dbError('get_mag') } }, { resource: 'mags' }, { kind: 'delete', id: 9 })
    expect(v).toEqual({ outcome: 'unknown', evidence: 'The panel could not be read to check (FAILURE); try "check again" later.' })
  })
})

describe('convert: the device row is gone, its line stays', () => {
  test('gone with its line, gone without a recorded line, still there, or unreadable', async () => {
    const gone = { get_mag: () => { throw absent('get_mag') }, get_line: (p: Record<string, unknown>) => ({ id: p.id, username: 'tv-room' }) }
    expect(await verdict(gone, { resource: 'mags' }, { kind: 'convert', id: 9, lineId: 70 })).toEqual({
      outcome: 'succeeded', evidence: 'The device #9 is gone; its line tv-room remains.', item: { id: 70, username: 'tv-room' },
    })
    expect(await verdict(gone, { resource: 'mags' }, { kind: 'convert', id: 9 })).toEqual({ outcome: 'succeeded', evidence: 'The device #9 is gone.', item: null })
    expect(await verdict({ get_mag: () => ({ id: 9 }) }, { resource: 'mags' }, { kind: 'convert', id: 9, lineId: 70 })).toMatchObject({ outcome: 'failed', evidence: 'The device #9 is still on the panel.' })
    expect((await verdict({ get_mag: () => { throw dbError('get_mag') } }, { resource: 'mags' }, { kind: 'convert', id: 9, lineId: 70 })).outcome).toBe('unknown')
    const failedRead = { ...gone, get_mag: () => { throw dbError('get_mag') } }
    expect(await verdict(failedRead, { resource: 'mags' }, { kind: 'convert', id: 9, lineId: 70 })).toEqual({ outcome: 'unknown', evidence: 'The panel could not be read to check (FAILURE); try "check again" later.' })
  })
})

describe('reset: the code changed', () => {
  test('changed, unchanged, or the old code was never recorded', async () => {
    const code = (c: string) => ({ get_activecode: () => ({ id: 3, code: c }) })
    expect(await verdict(code('222'), { resource: 'activecodes' }, { kind: 'reset', id: 3, codeBefore: '111' })).toMatchObject({ outcome: 'succeeded', evidence: 'The code changed to 222.' })
    expect(await verdict(code('111'), { resource: 'activecodes' }, { kind: 'reset', id: 3, codeBefore: '111' })).toMatchObject({ outcome: 'failed', evidence: 'The code is unchanged.' })
    expect(await verdict(code('222'), { resource: 'activecodes' }, { kind: 'reset', id: 3 })).toMatchObject({ outcome: 'unknown', evidence: 'The code before the reset was not recorded.' })
  })
})

describe('edit: the changed fields show the values sent', () => {
  const changed = { resellerNotes: { before: 'old', sent: 'new' }, allowedIps: { before: [], sent: ['10.0.0.1'] } }
  const row = (resellerNotes: string, allowedIps: string[]) => ({ get_line: () => ({ id: 4, resellerNotes, allowedIps }) })
  test('all sent values, all old values, a mix, or nothing recorded', async () => {
    expect(await verdict(row('new', ['10.0.0.1']), {}, { kind: 'edit', id: 4, changed })).toMatchObject({ outcome: 'succeeded', evidence: 'The panel shows the new resellerNotes, allowedIps.' })
    expect(await verdict(row('old', []), {}, { kind: 'edit', id: 4, changed })).toMatchObject({ outcome: 'failed', evidence: 'The panel still shows the old resellerNotes, allowedIps.' })
    expect(await verdict(row('new', []), {}, { kind: 'edit', id: 4, changed })).toMatchObject({ outcome: 'unknown', evidence: 'The panel shows other values for resellerNotes, allowedIps than before or sent.' })
    expect((await verdict(row('new', []), {}, { kind: 'edit', id: 4, changed: {} })).evidence).toBe('This entry carries nothing the app can check on the panel.')
    expect((await verdict(row('new', []), {}, { kind: 'edit', id: 4 })).evidence).toBe('This entry carries nothing the app can check on the panel.')
  })
})

describe('create: the key on the panel, new since the send, and charged', () => {
  const alice = (over: Record<string, unknown> = {}) => ({ id: 41, username: 'alice', createdAt: SENT, ...over })
  const listed = (rows: Record<string, unknown>[]): Panel => ({ get_lines: page(rows), ...balance(95) })

  test('no key recorded: nothing to check', async () => {
    expect((await verdict({}, {}, { kind: 'create' })).evidence).toBe('This entry carries nothing the app can check on the panel.')
    expect((await verdict({}, {}, { kind: 'create', key: '' })).evidence).toBe('This entry carries nothing the app can check on the panel.')
    expect((await verdict({}, {}, { kind: 'create', key: 41 })).evidence).toBe('This entry carries nothing the app can check on the panel.')
  })

  test('not found under our name: failed, unless the panel may have chosen the name itself (§9.2)', async () => {
    const none = listed([])
    const mayRename = /may not choose usernames/
    // Recorded when it was sent.
    expect((await verdict(none, {}, { kind: 'create', key: 'alice', panelNames: true })).evidence).toMatch(mayRename)
    expect(await verdict(none, {}, { kind: 'create', key: 'alice', panelNames: false }, { account: account(100, { allowChangeUsername: false }) })).toEqual({ outcome: 'failed', evidence: 'No line alice is on the panel.' })
    // Older entries: judged by the cached permission; unknown or no account = it may.
    expect((await verdict(none, {}, { kind: 'create', key: 'alice' }, { account: account(100, { allowChangeUsername: true }) })).outcome).toBe('failed')
    expect((await verdict(none, {}, { kind: 'create', key: 'alice' }, { account: account(100, { allowChangeUsername: false }) })).evidence).toMatch(mayRename)
    expect((await verdict(none, {}, { kind: 'create', key: 'alice' }, { account: account(100, { allowChangeUsername: null }) })).evidence).toMatch(mayRename)
    expect((await verdict(none, {}, { kind: 'create', key: 'alice' }, { account: null })).outcome).toBe('unknown')
    expect((await verdict(none, {}, { kind: 'create', key: 'alice' }, { account: null })).evidence).toMatch(mayRename)
    // Sub-resellers are named too; a MAC or a code is never renamed.
    expect((await verdict({ get_users: page([]) }, { resource: 'subResellers' }, { kind: 'create', key: 'bob', panelNames: true })).evidence).toMatch(/No sub-reseller bob is on the panel, but this account may not choose usernames/)
    expect(await verdict({ get_mags: page([]) }, { resource: 'mags' }, { kind: 'create', key: '00:1A:79:00:00:01', panelNames: true })).toEqual({ outcome: 'failed', evidence: 'No MAG device 00:1A:79:00:00:01 is on the panel.' })
    expect(await verdict({ get_activecodes: page([]) }, { resource: 'activecodes' }, { kind: 'create', key: '1234567890', panelNames: true })).toEqual({ outcome: 'failed', evidence: 'No activation code 1234567890 is on the panel.' })
  })

  test('found and confirmed free before the send: succeeded when free of charge or charged', async () => {
    expect(await verdict(listed([alice({ createdAt: null })]), {}, { kind: 'create', key: 'alice', keyFree: true })).toEqual({
      outcome: 'succeeded', evidence: 'Found line alice (id 41) on the panel, created after the send (it was not there before).', item: alice({ createdAt: null }),
    })
    expect(await verdict(listed([alice()]), { expectedCost: 5, balanceBefore: 100 }, { kind: 'create', key: 'alice', keyFree: true })).toMatchObject({
      outcome: 'succeeded', evidence: 'Found line alice (id 41) on the panel, created after the send (it was not there before); balance 100 → 95 (price 5).', balanceAfter: 95,
    })
  })

  test('the charge: intval(balance before) - price or lower (§7); an unreadable or unknown balance leaves the row as the only evidence', async () => {
    const e = (balanceBefore: number | null) => ({ expectedCost: 5, balanceBefore })
    const ctx = { kind: 'create', key: 'alice', keyFree: true }
    const at = (credits: number): Panel => ({ get_lines: page([alice()]), ...balance(credits) })
    expect((await verdict(at(95), e(100.9), ctx)).outcome).toBe('succeeded') // 100.9 → intval 100 → 95
    expect(await verdict(at(95.5), e(100.9), ctx)).toMatchObject({ outcome: 'unknown', evidence: expect.stringContaining('but the balance did not drop by the price (balance 100.9 → 95.5 (price 5))') })
    expect(await verdict(at(96), e(100), ctx)).toMatchObject({ outcome: 'unknown' })
    expect(await verdict(at(95), e(null), ctx)).toMatchObject({
      outcome: 'succeeded', evidence: 'Found line alice (id 41) on the panel, created after the send (it was not there before) (the balance before was not known (now 95), so only the line is the evidence).', balanceAfter: 95,
    })
    const unreadable = { get_lines: page([alice()]), user_info: () => { throw new Error('offline') } }
    expect(await verdict(unreadable, e(100), ctx)).toMatchObject({ outcome: 'succeeded', evidence: expect.stringContaining('(the balance could not be read, so only the line is the evidence)'), balanceAfter: null })
  })

  test('not confirmed free: the panel must date the row after the send (with two minutes of clock skew)', async () => {
    const ctx = { kind: 'create', key: 'alice' }
    expect(await verdict(listed([alice({ createdAt: SENT - 120 })]), {}, ctx)).toMatchObject({ outcome: 'succeeded', evidence: 'Found line alice (id 41) on the panel, created after the send (the panel dates it 2025-01-15T11:58:00Z).' })
    const older = await verdict(listed([alice({ createdAt: SENT - 121 })]), {}, ctx)
    expect(older).toMatchObject({ outcome: 'unknown', item: { id: 41 } })
    expect(older.evidence).toBe('Found line alice (id 41) on the panel, but it was not confirmed free before the send and the panel dates it 2025-01-15T11:57:59Z, before the send, so it may be an older line: the panel refuses a duplicate and charges nothing for it. Check it on the panel, then decide.')
    // A sub-reseller's date is dateRegistered.
    const sub = { get_users: page([{ id: 8, username: 'bob', dateRegistered: SENT }]) }
    expect((await verdict(sub, { resource: 'subResellers' }, { kind: 'create', key: 'bob' })).outcome).toBe('succeeded')
  })

  test('confirmed free: the row is not read again for its date', async () => {
    const asked: string[] = []
    const panel = { get_lines: page([alice({ createdAt: null })]), get_line: () => (asked.push('get_line'), alice()) }
    expect((await verdict(panel, {}, { kind: 'create', key: 'alice', keyFree: true })).outcome).toBe('succeeded')
    expect(asked).toEqual([])
  })

  test('a list row without a date or an id cannot be read by id: no proof', async () => {
    const asked: string[] = []
    const panel = { get_lines: page([{ username: 'alice', createdAt: null }]), get_line: () => (asked.push('get_line'), alice()) }
    expect((await verdict(panel, {}, { kind: 'create', key: 'alice' })).evidence).toContain('the panel does not say when it was created')
    expect(asked).toEqual([])
  })

  test('a list row without a date is dated by reading the row by id; no date at all is no proof', async () => {
    const ctx = { kind: 'create', key: 'alice' }
    const byId = { get_lines: page([alice({ createdAt: null })]), get_line: () => alice() }
    expect((await verdict(byId, {}, ctx)).outcome).toBe('succeeded')
    const undated = { get_lines: page([alice({ createdAt: null })]), get_line: () => alice({ createdAt: null }) }
    expect((await verdict(undated, {}, ctx)).evidence).toContain('and the panel does not say when it was created, so it may be an older line')
    const unreadable = { get_lines: page([alice({ createdAt: null })]), get_line: () => { throw new Error('offline') } }
    expect((await verdict(unreadable, {}, ctx)).evidence).toContain('the panel does not say when it was created')
    const subByDate = { get_users: page([{ id: 8, username: 'bob', dateRegistered: null }]), get_user: () => ({ id: 8, username: 'bob', dateRegistered: SENT }) }
    expect((await verdict(subByDate, { resource: 'subResellers' }, { kind: 'create', key: 'bob' })).outcome).toBe('succeeded')
  })

  test('the key search matches the key exactly (names case-insensitively, §9.2) and pages through the matches', async () => {
    const ctx = { kind: 'create', key: 'alice', keyFree: true }
    expect((await verdict(listed([alice({ username: 'alice2' })]), {}, ctx)).outcome).toBe('failed')
    expect((await verdict(listed([alice({ username: 'ALICE' })]), {}, ctx)).outcome).toBe('succeeded')
    const starts: unknown[] = []
    const filler = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, username: `alice${i}` }))
    const paged = { get_lines: (p: Record<string, unknown>) => (starts.push(p.start), { rows: p.start === 0 ? filler : [alice()], total: 101 }) }
    expect((await verdict(paged, {}, ctx)).outcome).toBe('succeeded')
    expect(starts).toEqual([0, 100])
  })
})

describe('extend: the expiry moved by the package duration, and the balance by the price (§7)', () => {
  const ctx = (over: Record<string, unknown> = {}) => ({ kind: 'extend', id: 4, packageId: 2, expDateBefore: SENT + 10 * DAY, duration: { amount: 1, unit: 'months' }, ...over })
  const expiry = (expDate: number | null, credits = 95): Panel => ({ get_line: () => ({ id: 4, expDate }), ...balance(credits) })
  const feb25 = Date.UTC(2025, 1, 25, 12) / 1000 // Jan 25 + 1 month

  test('gone, unchanged, or unreadable', async () => {
    expect(await verdict({ get_line: () => { throw absent('get_line') } }, {}, ctx())).toEqual({ outcome: 'unknown', evidence: 'The item #4 is no longer on the panel, so its expiry cannot be compared.' })
    expect((await verdict({ get_line: () => { throw dbError('get_line') } }, {}, ctx())).evidence).toContain('could not be read to check (FAILURE)')
    expect(await verdict(expiry(SENT + 10 * DAY), {}, ctx())).toMatchObject({ outcome: 'failed', evidence: 'Expiry unchanged (2025-01-25T12:00:00Z).' })
    expect(await verdict(expiry(null), {}, ctx({ expDateBefore: null }))).toMatchObject({ outcome: 'failed', evidence: 'Expiry unchanged (never (unlimited)).' })
  })

  test('moved by the duration from the old expiry, free of charge or charged', async () => {
    expect(await verdict(expiry(feb25), {}, ctx())).toMatchObject({ outcome: 'succeeded', evidence: "Expiry moved from 2025-01-25T12:00:00Z to 2025-02-25T12:00:00Z (the package's 1 months)." })
    expect(await verdict(expiry(feb25, 95), { expectedCost: 5, balanceBefore: 100.5 }, ctx())).toMatchObject({
      outcome: 'succeeded', evidence: "Expiry moved from 2025-01-25T12:00:00Z to 2025-02-25T12:00:00Z (the package's 1 months); balance 100.5 → 95 (price 5).", balanceAfter: 95,
    })
  })

  test('moved, but the balance does not show the charge, or cannot be read: unknown', async () => {
    expect(await verdict(expiry(feb25, 96), { expectedCost: 5, balanceBefore: 100 }, ctx())).toMatchObject({ outcome: 'unknown', evidence: expect.stringContaining('but the balance does not show the charge (balance 100 → 96 (price 5))') })
    expect((await verdict(expiry(feb25), { expectedCost: 5, balanceBefore: null }, ctx())).outcome).toBe('unknown')
    const offline = { get_line: () => ({ id: 4, expDate: feb25 }), user_info: () => { throw new Error('offline') } }
    expect((await verdict(offline, { expectedCost: 5, balanceBefore: 100 }, ctx())).evidence).toContain('(the balance could not be read)')
  })

  test("the calendar's slack: 3 days for months and years, 2 hours for days, 120 s for hours", async () => {
    const from = (amount: number, unit: string, after: number) => verdict(expiry(after), {}, ctx({ duration: { amount, unit } }))
    const before = SENT + 10 * DAY
    expect((await from(1, 'months', feb25 + 3 * DAY)).outcome).toBe('succeeded')
    expect((await from(1, 'months', feb25 - 3 * DAY)).outcome).toBe('succeeded')
    expect((await from(1, 'months', feb25 + 3 * DAY + 1)).outcome).toBe('unknown')
    expect((await from(1, 'years', Date.UTC(2026, 0, 25, 12) / 1000 + 3 * DAY)).outcome).toBe('succeeded')
    expect((await from(1, 'years', Date.UTC(2026, 0, 25, 12) / 1000 + 3 * DAY + 1)).outcome).toBe('unknown')
    expect((await from(30, 'days', before + 30 * DAY + 2 * 3600)).outcome).toBe('succeeded')
    expect((await from(30, 'days', before + 30 * DAY + 2 * 3600 + 1)).outcome).toBe('unknown')
    expect((await from(48, 'hours', before + 48 * 3600 + 120)).outcome).toBe('succeeded')
    expect((await from(48, 'hours', before + 48 * 3600 + 121)).outcome).toBe('unknown')
    const wrong = await from(1, 'months', feb25 + 10 * DAY)
    expect(wrong).toMatchObject({ outcome: 'unknown', item: { id: 4 } })
    expect(wrong.evidence).toBe("Expiry moved from 2025-01-25T12:00:00Z to 2025-03-07T12:00:00Z, which is not the package's 1 months from the old expiry or from the time of sending; something else may have changed it. Check, then decide.")
  })

  test('an expired or unlimited item counts from the time of sending, within 15 minutes of clock skew', async () => {
    const now = SENT_MS + 10 * 60_000
    const o = { nowMs: now }
    const sentPlusMonth = Date.UTC(2025, 1, 15, 12) / 1000
    const unlimited = ctx({ expDateBefore: null, duration: { amount: 1, unit: 'days' } })
    expect((await verdict(expiry(SENT + DAY), {}, unlimited, o)).outcome).toBe('succeeded')
    // The window runs from the send - 15 min to the check + 15 min, plus the day's 2 h slack.
    expect((await verdict(expiry(SENT - 900 + DAY - 7200), {}, unlimited, o)).outcome).toBe('succeeded')
    expect((await verdict(expiry(SENT - 900 + DAY - 7201), {}, unlimited, o)).outcome).toBe('unknown')
    expect((await verdict(expiry(now / 1000 + 900 + DAY + 7200), {}, unlimited, o)).outcome).toBe('succeeded')
    expect((await verdict(expiry(now / 1000 + 900 + DAY + 7201), {}, unlimited, o)).outcome).toBe('unknown')
    const expired = ctx({ expDateBefore: SENT - 100 * DAY })
    expect((await verdict(expiry(sentPlusMonth), {}, expired, o)).outcome).toBe('succeeded')
    // Made unlimited instead: no expiry to match.
    expect((await verdict(expiry(null), {}, ctx(), o)).evidence).toBe("Expiry moved from 2025-01-25T12:00:00Z to never (unlimited), which is not the package's 1 months from the old expiry or from the time of sending; something else may have changed it. Check, then decide.")
  })

  test("the duration recorded with the entry, else the cached package's; neither → unknown", async () => {
    const threeMonths = [pkg(2, { officialDuration: 3, officialDurationIn: 'months' })]
    const apr25 = Date.UTC(2025, 3, 25, 12) / 1000
    expect((await verdict(expiry(apr25), {}, ctx({ duration: undefined }), { packages: threeMonths })).evidence).toContain("(the package's 3 months)")
    expect((await verdict(expiry(apr25), {}, ctx({ duration: { amount: 3, unit: 'weeks' } }), { packages: threeMonths })).outcome).toBe('succeeded')
    expect((await verdict(expiry(apr25), {}, ctx({ duration: { amount: '3', unit: 'months' } }), { packages: threeMonths })).outcome).toBe('succeeded')
    expect((await verdict(expiry(apr25), {}, ctx({ duration: undefined, packageId: 9 }), { packages: threeMonths })).evidence).toBe(
      "Expiry moved from 2025-01-25T12:00:00Z to 2025-04-25T12:00:00Z, but the package's duration is not known, so the move cannot be matched to it.",
    )
    const broken = [pkg(2, { officialDuration: Number.NaN })]
    expect((await verdict(expiry(apr25), {}, ctx({ duration: undefined }), { packages: broken })).evidence).toContain("the package's duration is not known")
    // A negative duration counts as none: the expiry would have to stay (and it moved).
    const negative = [pkg(2, { officialDuration: -1, officialDurationIn: 'days' })]
    expect((await verdict(expiry(SENT + 10 * DAY + 7200), {}, ctx({ duration: undefined }), { packages: negative })).evidence).toContain("(the package's 0 days)")
  })
})

describe('adjust: a transfer moves both balances (§7)', () => {
  const ctx = (over: Record<string, unknown> = {}) => ({ kind: 'adjust', id: 8, credits: 10, childCreditsBefore: 20, parentBefore: 100, ...over })
  const balances = (child: unknown, parent: number): Panel => ({ get_user: () => ({ id: 8, credits: child }), ...balance(parent) })

  test('nothing recorded to compare with', async () => {
    expect((await verdict({}, {}, ctx({ credits: null }))).evidence).toBe('This entry carries nothing the app can check on the panel.')
    expect((await verdict({}, {}, ctx({ childCreditsBefore: undefined }))).evidence).toBe('This entry carries nothing the app can check on the panel.')
  })

  test('both moved: succeeded; neither: failed; the child did not say: unknown', async () => {
    expect(await verdict(balances(30, 90), {}, ctx())).toEqual({ outcome: 'succeeded', evidence: 'Both balances moved by 10: sub-reseller 20 → 30, yours 100 → 90.', item: { id: 8, credits: 30 }, balanceAfter: 90 })
    expect(await verdict(balances(20, 100), {}, ctx())).toMatchObject({ outcome: 'failed', evidence: 'Balances show no transfer (sub-reseller 20 → 20, yours 100 → 100).' })
    expect(await verdict(balances('30', 90), {}, ctx())).toMatchObject({ outcome: 'unknown', evidence: "The panel did not say the sub-reseller's balance (sub-reseller 20 → ?, yours 100 → 90)." })
  })

  test('our own spending in between only lowers our balance: a transfer out shows as a drop of at least the amount', async () => {
    expect((await verdict(balances(30, 85), {}, ctx())).outcome).toBe('succeeded')
    expect(await verdict(balances(30, 91), {}, ctx())).toMatchObject({ outcome: 'unknown', evidence: 'The balances do not both show a transfer of 10: sub-reseller 20 → 30, yours 100 → 91. Check, then decide.' })
    // Amounts are intval'd (§7): 100.7 counts as 100.
    expect((await verdict(balances(30, 90), {}, ctx({ parentBefore: 100.7 }))).outcome).toBe('succeeded')
    expect((await verdict(balances(30.5, 90), {}, ctx({ childCreditsBefore: 20.2 }))).outcome).toBe('succeeded')
  })

  test('credits pulled back: the child drops by the amount and ours rises by at least it', async () => {
    const back = ctx({ credits: -5 })
    expect((await verdict(balances(15, 105), {}, back)).outcome).toBe('succeeded')
    expect((await verdict(balances(15, 104), {}, back)).outcome).toBe('unknown')
    expect((await verdict(balances(15, 110), {}, back)).outcome).toBe('succeeded')
  })

  test('a transfer of nothing counts as one out: our own spending may only have lowered our balance', async () => {
    expect((await verdict(balances(20, 99), {}, ctx({ credits: 0 }))).outcome).toBe('succeeded')
    expect((await verdict(balances(20, 101), {}, ctx({ credits: 0 }))).outcome).toBe('unknown')
  })

  test('the child moved by another amount: unknown, not failed', async () => {
    expect((await verdict(balances(25, 90), {}, ctx())).outcome).toBe('unknown')
  })

  test("our balance before: recorded with the transfer, else the journal's; neither → only one side can be checked", async () => {
    expect((await verdict(balances(30, 90), { balanceBefore: 100 }, ctx({ parentBefore: undefined }))).outcome).toBe('succeeded')
    expect((await verdict(balances(30, 90), { balanceBefore: 50 }, ctx())).outcome).toBe('succeeded') // ctx wins
    expect(await verdict(balances(30, 90), {}, ctx({ parentBefore: undefined }))).toMatchObject({
      outcome: 'unknown', evidence: 'Your balance before the transfer was not known, so only one side can be checked (sub-reseller 20 → 30, yours ? → 90).',
    })
  })
})
