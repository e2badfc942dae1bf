/**
 * Bulk runs a reseller can trust with money (issue #11 §4), against the real
 * simulator, real cache and real journal files: "retry failed" hands its set
 * out once; items waiting for a panel slot are never sent after a cancel;
 * cancelled items are counted; "set notes" shows the current notes and can
 * append; extending an UNLIMITED line never happens without the user saying so.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { BulkRun } from '../../../electron/shared/views'
import { waitFor } from '../../helpers/wait'
import { makeHarness, rejectsWith, type Harness } from '../../integration/spending/fixtures/harness'

let h: Harness
beforeEach(async () => {
  h = await makeHarness({ timeoutMs: 400, settleMs: 60_000 })
  await h.prime(['lines'])
})
afterEach(async () => h.close())

type CachedLine = { id: number; username: string; expDate: number | null; resellerNotes: string }
const lines = () => h.cache.query({ profileIds: [h.profileId], resource: 'lines', offset: 0, limit: 100 }, 0).rows as unknown as CachedLine[]
const sentNames = () => h.sent.filter((r) => r.action === 'create_line').map((r) => new URLSearchParams(r.params).get('username') ?? '')
const edits = () => h.sent.filter((r) => r.action === 'edit_line')
const progress = (runId: string) => h.events.filter((e) => e.name === 'bulk:progress').map((e) => e.payload as BulkRun).filter((p) => p.runId === runId)
const status = (runId: string) => h.spending.handlers['bulk:status']({ runId })

async function createRun(count: number, prefix: string) {
  const plan = await h.spending.handlers['bulk:plan']({
    profileId: h.profileId, resource: 'lines', operation: 'create', packageId: 2,
    create: { count, prefix, mode: 'counter', startAt: 1, digits: 4, trial: false },
  })
  return h.spending.handlers['bulk:start']({ planId: plan.planId })
}

/** Two limited lines and two unlimited ones, on the panel and in the cache alike. */
async function mixedLines(): Promise<{ limited: CachedLine[]; unlimited: CachedLine[] }> {
  const nowSec = Math.floor(Date.now() / 1000)
  const picked = lines().slice(0, 4)
  picked.forEach((l, i) => {
    h.sim.state.lines.get(l.id)!.exp_date = i < 2 ? nowSec + 30 * 86400 : null
  })
  await h.prime(['lines'])
  const byId = new Map(lines().map((l) => [l.id, l]))
  const fresh = picked.map((l) => byId.get(l.id)!)
  return { limited: fresh.slice(0, 2), unlimited: fresh.slice(2) }
}

describe('retry failed', () => {
  test('the failed set is handed out once: a second retry (double click) is refused and nothing is charged twice', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'html503', times: 1 })
    const run = await createRun(3, 'twice')
    await h.spending.bulkFinished(run.runId)
    const failed = (await status(run.runId)).items.filter((i) => i.state === 'failed')
    expect(failed).toHaveLength(1)

    // Two clicks arriving together: exactly one retry run.
    const both = await Promise.allSettled([
      h.spending.handlers['bulk:retryFailed']({ runId: run.runId }),
      h.spending.handlers['bulk:retryFailed']({ runId: run.runId }),
    ])
    const started = both.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<BulkRun>).value)
    expect(started).toHaveLength(1)
    const refusal = both.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refusal.reason.code).toBe('BUSY')
    await h.spending.bulkFinished(started[0]!.runId)
    // And a later click, once the retry is over, is refused as well.
    await rejectsWith(h.spending.handlers['bulk:retryFailed']({ runId: run.runId }), 'BUSY')

    expect(sentNames().filter((n) => n === failed[0]!.label)).toHaveLength(2)
    expect(h.sim.ledger().filter((l) => l.action === 'create_line')).toHaveLength(3)
  })
})

describe('stopped and cancelled runs', () => {
  test('items waiting for a panel slot are skipped at once by a cancel and never sent', async () => {
    // Run A holds both of the panel's slots; run B's items wait for one.
    h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 150 })
    const a = await createRun(4, 'slota')
    const b = await createRun(4, 'slotb')
    const cancelled = await h.spending.handlers['bulk:cancel']({ runId: b.runId })
    expect(cancelled.items.map((i) => i.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped'])
    expect(cancelled.counts).toMatchObject({ pending: 0, skipped: 4 })
    await h.spending.bulkFinished(a.runId)
    await h.spending.bulkFinished(b.runId)
    expect(sentNames().filter((n) => n.startsWith('slotb'))).toEqual([])
    expect((await status(a.runId)).counts.succeeded).toBe(4)
  })

  test('a paused-then-cancelled run counts what was not sent', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 15 })
    const run = await createRun(20, 'pcan')
    await waitFor('two items done', () => (progress(run.runId).at(-1)?.counts.succeeded ?? 0) >= 2)
    await h.spending.handlers['bulk:pause']({ runId: run.runId })
    await waitFor('in-flight items to finish', () => !(progress(run.runId).at(-1)?.items.some((i) => i.state === 'running') ?? true))
    await h.spending.handlers['bulk:cancel']({ runId: run.runId })
    await h.spending.bulkFinished(run.runId)
    const end = await status(run.runId)
    expect(end.state).toBe('cancelled')
    const sent = sentNames().filter((n) => n.startsWith('pcan')).length
    expect(end.counts).toEqual({ total: 20, succeeded: sent, failed: 0, unknown: 0, pending: 0, skipped: 20 - sent })
    expect(end.counts.skipped).toBeGreaterThan(0)
  })
})

describe('set notes', () => {
  test('the preview shows each item\'s current notes; append adds to the notes the panel has, replace replaces them', async () => {
    const [a, b] = lines()
    h.sim.state.lines.get(a!.id)!.reseller_notes = 'Paid until March'
    h.sim.state.lines.get(b!.id)!.reseller_notes = ''
    await h.prime(['lines'])
    const plan = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'setNotes', ids: [a!.id, b!.id], notes: 'Moved to new box', notesMode: 'append' })
    expect(plan.items.map((i) => i.preview?.notes)).toEqual(['Paid until March', ''])
    // Changed on the panel after the plan was made: the append works from what the panel has now.
    h.sim.state.lines.get(a!.id)!.reseller_notes = 'Paid until April'
    const run = await h.spending.handlers['bulk:start']({ planId: plan.planId })
    await h.spending.bulkFinished(run.runId)
    expect((await status(run.runId)).counts.succeeded).toBe(2)
    expect(h.sim.state.lines.get(a!.id)!.reseller_notes).toBe('Paid until April\nMoved to new box')
    expect(h.sim.state.lines.get(b!.id)!.reseller_notes).toBe('Moved to new box')

    const replace = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'setNotes', ids: [a!.id], notes: 'Only this', notesMode: 'replace' })
    const run2 = await h.spending.handlers['bulk:start']({ planId: replace.planId })
    await h.spending.bulkFinished(run2.runId)
    expect(h.sim.state.lines.get(a!.id)!.reseller_notes).toBe('Only this')
  })
})

describe('extending an unlimited line', () => {
  test('a single extension of an unlimited line is refused unless the user confirmed it becomes limited', async () => {
    const { unlimited } = await mixedLines()
    const line = unlimited[0]!
    const before = h.sim.credits()
    const err = await rejectsWith(h.spending.handlers['lines:extend']({ profileId: h.profileId, id: line.id, packageId: 2 }), 'VALIDATION')
    expect(err.message).toMatch(/unlimited/i)
    expect(err.details).toMatchObject({ unlimited: true })
    expect(edits()).toHaveLength(0)
    expect(h.sim.credits()).toBe(before)
    expect(h.spending.journal.query({}).total).toBe(0)
    expect(h.sim.state.lines.get(line.id)!.exp_date).toBeNull()

    const done = await h.spending.handlers['lines:extend']({ profileId: h.profileId, id: line.id, packageId: 2, endUnlimited: true })
    expect(done.cost).toBeGreaterThan(0)
    expect(typeof h.sim.state.lines.get(line.id)!.exp_date).toBe('number')
  })

  test('the quote for an extension says the expiry now and after; unlimited → limited', async () => {
    const { limited, unlimited } = await mixedLines()
    const q = await h.spending.handlers['spend:quote']({ profileId: h.profileId, resource: 'lines', kind: 'extend', packageId: 2, id: unlimited[0]!.id })
    const nowSec = Math.floor(Date.now() / 1000)
    expect(q.expiry?.expDate).toBeNull()
    expect(q.expiry!.newExpDate).toBeGreaterThan(nowSec)
    const q2 = await h.spending.handlers['spend:quote']({ profileId: h.profileId, resource: 'lines', kind: 'extend', packageId: 2, id: limited[0]!.id })
    expect(q2.expiry?.expDate).toBe(limited[0]!.expDate)
    expect(q2.expiry!.newExpDate).toBeGreaterThan(limited[0]!.expDate!)
  })

  test('a bulk extension leaves unlimited lines out unless the user includes them', async () => {
    const { limited, unlimited } = await mixedLines()
    const ids = [...limited, ...unlimited].map((l) => l.id)
    const plan = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: 2, ids })
    expect(plan.unlimited).toBe(2)
    expect(plan.items.map((i) => i.state)).toEqual(['queued', 'queued', 'skipped', 'skipped'])
    expect(plan.items[2]!.reason).toMatch(/unlimited/i)
    expect(plan.totalCost).toBe(plan.items[0]!.cost * 2)
    expect(plan.items.map((i) => i.preview?.expDate)).toEqual([limited[0]!.expDate, limited[1]!.expDate, null, null])
    expect(plan.items.every((i) => typeof i.preview?.newExpDate === 'number')).toBe(true)
    const run = await h.spending.handlers['bulk:start']({ planId: plan.planId })
    await h.spending.bulkFinished(run.runId)
    expect(edits()).toHaveLength(2)
    for (const l of unlimited) expect(h.sim.state.lines.get(l.id)!.exp_date).toBeNull()

    const included = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: 2, ids: unlimited.map((l) => l.id), includeUnlimited: true })
    expect(included.items.map((i) => i.state)).toEqual(['queued', 'queued'])
    const run2 = await h.spending.handlers['bulk:start']({ planId: included.planId })
    await h.spending.bulkFinished(run2.runId)
    expect((await status(run2.runId)).counts.succeeded).toBe(2)
    for (const l of unlimited) expect(typeof h.sim.state.lines.get(l.id)!.exp_date).toBe('number')
  })

  test('a line the cache thought limited but the panel has as unlimited is not extended by a plan that left unlimited lines out', async () => {
    const { limited } = await mixedLines()
    const plan = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: 2, ids: [limited[0]!.id] })
    expect(plan.items[0]!.state).toBe('queued')
    h.sim.state.lines.get(limited[0]!.id)!.exp_date = null
    const before = h.sim.credits()
    const run = await h.spending.handlers['bulk:start']({ planId: plan.planId })
    await h.spending.bulkFinished(run.runId)
    const end = await status(run.runId)
    expect(end.items[0]!.state).toBe('failed')
    expect(end.items[0]!.reason).toMatch(/unlimited/i)
    expect(edits()).toHaveLength(0)
    expect(h.sim.credits()).toBe(before)
    expect(h.sim.state.lines.get(limited[0]!.id)!.exp_date).toBeNull()
  })
})
