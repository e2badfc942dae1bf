/**
 * Settling by reading (electron/core/reconcile/index.ts) against a real journal
 * file and a panel that is only a table of answers: what the journal records
 * for each verdict, when the cache, the balance figure and the spend notice
 * follow, and "check again" for one entry or for all. The verdicts themselves
 * are pinned in verdicts.test.ts; the loop against the simulator is in
 * test/unit/writes/unknown.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { ApiError } from '../../../electron/core/api/api-error'
import type { XtreamClient } from '../../../electron/core/api/client'
import { AppError } from '../../../electron/core/errors'
import { Journal, type IntentInput } from '../../../electron/core/journal'
import { reconcileAllUnknown, reconcileJournalEntry, settleByReading, settledText } from '../../../electron/core/reconcile'
import type { SpendingEnv } from '../../../electron/core/writes/types'
import { account } from '../../helpers/rows'

const SENT_MS = Date.UTC(2025, 0, 15, 12)

type Panel = Record<string, (params: Record<string, unknown>) => unknown>

let dir: string
let journal: Journal
/** Every journal change notice, by entry id. */
let changes: number[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-settle-'))
  changes = []
  journal = new Journal(join(dir, 'journal.db'), { now: () => SENT_MS, onChange: (id) => changes.push(id) })
})
afterEach(() => {
  journal.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The panel of every profile; `asked` lists the actions it answered, in order. */
function setup(panel: Panel, o: { forProfile?: () => XtreamClient } = {}) {
  const asked: string[] = []
  const removed: [string, number][] = []
  const spent: string[] = []
  const client = {
    call: async (action: string, params: Record<string, unknown>) => {
      asked.push(action)
      const answer = panel[action]
      if (!answer) throw new Error(`the test panel has no ${action}`)
      return answer(params)
    },
  } as unknown as XtreamClient
  const env = {
    settleMs: 60_000,
    journal,
    ctx: {
      now: () => SENT_MS + 10 * 60_000,
      emit: () => undefined,
      onSpend: (profileId: string) => spent.push(profileId),
      clients: { forProfile: o.forProfile ?? (() => client) },
      cache: {
        getAccount: () => ({ info: account(100), at: 0 }),
        getPackages: () => [],
        upsert: () => undefined,
        remove: (_p: string, resource: string, id: number) => removed.push([resource, id]),
        setAccount: () => undefined,
      },
    },
  } as unknown as SpendingEnv
  return { env, client, asked, removed, spent }
}

/** A journal entry whose answer was lost: unknown, with what reconciliation needs in its context. */
function lost(context: Record<string, unknown>, over: Partial<IntentInput> = {}): number {
  const id = journal.recordIntent({
    profileId: 'p1', profileName: 'Main', action: 'x', resource: 'lines', target: '#4', params: {},
    expectedCost: 0, balanceBefore: null, context, ...over,
  })
  journal.complete(id, { outcome: 'unknown', errorCode: 'OUTCOME_UNKNOWN' })
  changes = []
  return id
}

/** A panel whose user_info answers these balances one read after another. */
const balances = (...credits: number[]): Panel => ({ user_info: () => account(credits.shift() ?? -1) })
const absent = (action: string) => new ApiError({ code: 'FAILURE', action, outcome: 'failed', status: 'STATUS_FAILURE' })

describe('settledText: what was seen, then how it was settled', () => {
  test('only the final full stop gives way to the conclusion', () => {
    expect(settledText({ outcome: 'succeeded', evidence: 'Both balances moved by 10: yours 100.5 → 90.5.' })).toBe('Both balances moved by 10: yours 100.5 → 90.5 → settled as succeeded.')
    expect(settledText({ outcome: 'failed', evidence: '#9 is still on the panel.' })).toBe('#9 is still on the panel → settled as not applied.')
    expect(settledText({ outcome: 'failed', evidence: 'No line x' })).toBe('No line x → settled as not applied.')
  })
})

describe('settleByReading: what each verdict leaves in the journal', () => {
  test('still unknown: the entry stays unknown with why, and nothing follows', async () => {
    const s = setup({ get_line: () => ({ id: 4, enabled: 1 }) })
    const id = lost({ kind: 'enable', id: 4 }, { expectedCost: 3 })
    const r = await settleByReading(s.env, s.client, id)
    expect(r.entry).toMatchObject({ outcome: 'unknown', evidence: "The panel's answer for #4 does not say whether it is enabled." })
    expect(r.effects).toBeNull()
    expect(s.spent).toEqual([])
  })

  test('not applied: settled as failed with the evidence; the cache and the balance are left alone', async () => {
    const s = setup({ get_mag: () => ({ id: 9 }), ...balances(50) })
    const id = lost({ kind: 'delete', id: 9 }, { resource: 'mags', expectedCost: 2 })
    const r = await settleByReading(s.env, s.client, id)
    expect(r.entry).toMatchObject({ outcome: 'failed', evidence: '#9 is still on the panel → settled as not applied.', balanceAfter: null })
    expect(r.effects).toBeNull()
    expect(s.removed).toEqual([])
    expect(s.spent).toEqual([])
    expect(s.asked).toEqual(['get_mag'])
  })

  test('succeeded with a balance read in the check: that balance is the one recorded, and the spend is announced', async () => {
    // The check reads 90; the balance re-read after it says 85 (another spend in between).
    const s = setup({ get_user: () => ({ id: 8, credits: 30 }), ...balances(90, 85) })
    const id = lost({ kind: 'adjust', id: 8, credits: 10, childCreditsBefore: 20, parentBefore: 100 }, { resource: 'subResellers', expectedCost: 10 })
    const r = await settleByReading(s.env, s.client, id)
    expect(r.entry).toMatchObject({ outcome: 'succeeded', balanceAfter: 90, evidence: 'Both balances moved by 10: sub-reseller 20 → 30, yours 100 → 90 → settled as succeeded.' })
    expect(r.effects).toMatchObject({ balanceAfter: 85 })
    expect(s.spent).toEqual(['p1'])
    // One change: the settlement; the balance was already in it.
    expect(changes).toEqual([id])
  })

  test('succeeded without a balance in the check: the balance read afterwards is recorded; a free write announces no spend', async () => {
    const s = setup({ get_mag: () => { throw absent('get_mag') }, ...balances(97) })
    const id = lost({ kind: 'delete', id: 9 }, { resource: 'mags' })
    const r = await settleByReading(s.env, s.client, id)
    expect(r.entry).toMatchObject({ outcome: 'succeeded', balanceAfter: 97 })
    expect(s.removed).toEqual([['mags', 9]])
    expect(s.spent).toEqual([])
    expect(changes).toEqual([id, id])
  })

  test('succeeded with no balance read at all: the journal is written once', async () => {
    const s = setup({ get_line: () => ({ id: 4, enabled: true }) })
    const id = lost({ kind: 'enable', id: 4 })
    const r = await settleByReading(s.env, s.client, id)
    expect(r.entry).toMatchObject({ outcome: 'succeeded', balanceAfter: null })
    expect(r.effects).toMatchObject({ balanceAfter: null })
    expect(changes).toEqual([id])
  })
})

describe('check again', () => {
  test('an entry already settled is handed back as it is, without reading the panel', async () => {
    const s = setup({ get_line: () => ({ id: 4, enabled: true }) })
    const id = lost({ kind: 'enable', id: 4 })
    journal.decide(id, 'failed', 'seen by hand')
    expect(await reconcileJournalEntry(s.env, id)).toMatchObject({ outcome: 'failed', evidence: 'Decided by the user: seen by hand' })
    expect(s.asked).toEqual([])
  })

  test('a panel that cannot be reached now: the entry stays unknown and says why', async () => {
    const locked = setup({}, { forProfile: () => { throw new AppError('NO_KEY', 'The API key of Main is not in the keychain.') } })
    const id = lost({ kind: 'enable', id: 4 })
    expect(await reconcileJournalEntry(locked.env, id)).toMatchObject({ outcome: 'unknown', evidence: 'Could not check: The API key of Main is not in the keychain.' })
    const odd = setup({}, { forProfile: () => { throw new Error('boom') } })
    expect(await reconcileJournalEntry(odd.env, id)).toMatchObject({ outcome: 'unknown', evidence: 'Could not check: the panel is not available' })
  })

  test('every unknown entry, or those of one panel: how many were checked and how many settled', async () => {
    const s = setup({ get_line: (p) => ({ id: p.id, enabled: p.id === 4 ? true : 1 }) })
    lost({ kind: 'enable', id: 4 })
    lost({ kind: 'enable', id: 5 })
    lost({ kind: 'enable', id: 4 }, { profileId: 'p2' })
    expect(await reconcileAllUnknown(s.env, 'p2')).toEqual({ checked: 1, settled: 1 })
    expect(await reconcileAllUnknown(s.env)).toEqual({ checked: 2, settled: 1 })
    expect(await reconcileAllUnknown(s.env)).toEqual({ checked: 1, settled: 0 })
  })
})
