/**
 * Bulk runs against the real simulator: planning and pricing, at most two in
 * flight per panel, pause/resume, cancel, stop at the first "not enough
 * credits", retry of failed items only, CSV export.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import type { BulkRun } from '../../../electron/shared/views'
import { waitFor } from '../../helpers/wait'
import { makeHarness, rejectsWith, type Harness } from '../../integration/spending/fixtures/harness'

let h: Harness
beforeEach(async () => {
  h = await makeHarness({ timeoutMs: 400, settleMs: 60_000 })
  await h.prime(['lines'])
})
afterEach(async () => h.close())

const lines = () => h.cache.query({ profileIds: [h.profileId], resource: 'lines', offset: 0, limit: 100 }, 0).rows as unknown as { id: number; username: string }[]
const creates = () => h.sent.filter((r) => r.action === 'create_line')
const progress = () => h.events.filter((e) => e.name === 'bulk:progress').map((e) => e.payload as BulkRun)
const lastProgress = (runId: string) => progress().filter((p) => p.runId === runId).at(-1)

async function createRun(count: number, prefix = 'bulk') {
  const plan = await h.spending.handlers['bulk:plan']({
    profileId: h.profileId, resource: 'lines', operation: 'create', packageId: 2,
    create: { count, prefix, mode: 'counter', startAt: 1, digits: 4, trial: false },
  })
  return { plan, run: await h.spending.handlers['bulk:start']({ planId: plan.planId }) }
}

describe('bulk:plan', () => {
  test('selection and pasted names are resolved against the cache, deduplicated, priced', async () => {
    const [a, b, c] = lines()
    const plan = await h.spending.handlers['bulk:plan']({
      profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: 2,
      ids: [a!.id, b!.id], targets: [b!.username, c!.username, 'no-such-user', '  '],
    })
    expect(plan.items.map((i) => i.label)).toEqual([a!.username, b!.username, c!.username])
    expect(plan.unresolved).toEqual(['no-such-user'])
    const price = plan.items[0]!.cost
    expect(price).toBeGreaterThan(0)
    expect(plan.totalCost).toBe(price * 3)
    expect(plan.balance).toBe(h.sim.credits())
    expect(plan.balanceAfter).toBe(h.sim.credits() - price * 3)
    expect(plan.enough).toBe(true)
    expect(h.sent.filter((r) => r.action === 'edit_line')).toHaveLength(0)
  })

  test('the total is set against the balance', async () => {
    h.cache.setAccount(h.profileId, { ...h.cache.getAccount(h.profileId)!.info, credits: 20 }, Date.now())
    const plan = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: 2, ids: lines().slice(0, 3).map((l) => l.id) })
    expect(plan.enough).toBe(false)
    expect(plan.balanceAfter).toBeLessThan(0)
  })

  test('create from a pattern; refusals for devices and for names shorter than the panel allows', async () => {
    const plan = await h.spending.handlers['bulk:plan']({
      profileId: h.profileId, resource: 'lines', operation: 'create', packageId: 2,
      create: { count: 3, prefix: 'shop', mode: 'counter', startAt: 7, digits: 4, trial: false },
    })
    expect(plan.items.map((i) => i.label)).toEqual(['shop0007', 'shop0008', 'shop0009'])
    expect(plan.items.every((i) => i.state === 'queued')).toBe(true)
    await rejectsWith(
      h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'mags', operation: 'create', packageId: 7, create: { count: 2, prefix: 'x', mode: 'counter', startAt: 1, digits: 2, trial: false } }),
      'VALIDATION',
    )
    await rejectsWith(
      h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'create', packageId: 2, create: { count: 2, prefix: 'ab', mode: 'counter', startAt: 1, digits: 2, trial: false } }),
      'VALIDATION',
    )
  })

  test('an existing username in a create pattern is marked skipped, never sent', async () => {
    const plan0 = await createRun(2, 'dupe')
    await h.spending.bulkFinished(plan0.run.runId)
    const seeded = lines().find((l) => !l.username.startsWith('dupe'))!
    h.cache.upsert(h.profileId, 'lines', { ...(h.cache.getRow(h.profileId, 'lines', seeded.id) as Line), username: 'dupe0003' })
    const plan = await h.spending.handlers['bulk:plan']({
      profileId: h.profileId, resource: 'lines', operation: 'create', packageId: 2,
      create: { count: 4, prefix: 'dupe', mode: 'counter', startAt: 1, digits: 4, trial: false },
    })
    expect(plan.items.map((i) => i.state)).toEqual(['skipped', 'skipped', 'skipped', 'queued'])
    expect(plan.totalCost).toBe(plan.items[3]!.cost)
  })
})

describe('bulk runs', () => {
  test('every item through the journal with the run id; at most 2 in flight; progress with counts', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 20 })
    const { run } = await createRun(8)
    await h.spending.bulkFinished(run.runId)
    const done = await h.spending.handlers['bulk:status']({ runId: run.runId })
    expect(done.state).toBe('done')
    expect(done.counts).toEqual({ total: 8, succeeded: 8, failed: 0, unknown: 0, pending: 0, skipped: 0 })
    expect(h.maxInFlight.create_line).toBe(2)
    const entries = h.spending.journal.query({ actions: ['create_line'] }).rows
    expect(entries).toHaveLength(8)
    expect(entries.every((e) => e.bulkRunId === run.runId && e.outcome === 'succeeded')).toBe(true)
    expect(done.items.every((i) => typeof i.journalId === 'number')).toBe(true)
    expect(lastProgress(run.runId)?.state).toBe('done')
    expect(progress().some((p) => p.counts.succeeded > 0 && p.counts.pending > 0)).toBe(true)
  })

  test('pause stops sending; resume finishes', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 15 })
    // Enough items that a loaded machine cannot finish the run before the pause lands.
    const { run } = await createRun(30, 'paus')
    await waitFor('two items done', () => (lastProgress(run.runId)?.counts.succeeded ?? 0) >= 2)
    const paused = await h.spending.handlers['bulk:pause']({ runId: run.runId })
    expect(paused.state).toBe('paused')
    // Let the in-flight ones finish.
    await waitFor('in-flight items to finish', () => !runHasRunning(run.runId))
    const sentWhilePaused = creates().length
    // A full round trip to the panel: had the run kept going, more creates would have been sent by now.
    for (let i = 0; i < 5; i++) await h.client().call('user_info', {})
    expect(creates().length).toBe(sentWhilePaused)
    const status = await h.spending.handlers['bulk:status']({ runId: run.runId })
    expect(status.state).toBe('paused')
    expect(status.counts.pending).toBeGreaterThan(0)
    await h.spending.handlers['bulk:resume']({ runId: run.runId })
    await h.spending.bulkFinished(run.runId)
    expect((await h.spending.handlers['bulk:status']({ runId: run.runId })).counts.succeeded).toBe(30)
    expect(creates()).toHaveLength(30)
  })

  test('cancel sends nothing further; in-flight items finish and are recorded', async () => {
    h.sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 15 })
    const { run } = await createRun(12, 'canc')
    await waitFor('three items done', () => (lastProgress(run.runId)?.counts.succeeded ?? 0) >= 3)
    const cancelled = await h.spending.handlers['bulk:cancel']({ runId: run.runId })
    expect(cancelled.state).toBe('cancelled')
    await h.spending.bulkFinished(run.runId)
    const end = await h.spending.handlers['bulk:status']({ runId: run.runId })
    const sentItems = end.items.filter((i) => i.state !== 'skipped')
    expect(end.items.some((i) => i.state === 'skipped' && /Cancelled/.test(i.reason ?? ''))).toBe(true)
    expect(end.items.some((i) => i.state === 'running' || i.state === 'queued')).toBe(false)
    expect(creates()).toHaveLength(sentItems.length)
    expect(h.spending.journal.query({ actions: ['create_line'] }).rows.every((e) => e.outcome === 'succeeded')).toBe(true)
    expect(h.spending.journal.query({ actions: ['create_line'] }).total).toBe(sentItems.length)
    expect(h.sim.ledger().filter((l) => l.action === 'create_line')).toHaveLength(sentItems.length)
  })

  test('the first "not enough credits" stops the run; nothing after it is sent', async () => {
    // The cache believes in plenty; the panel has enough for exactly 3.
    const price = (await h.spending.handlers['spend:quote']({ profileId: h.profileId, resource: 'lines', kind: 'create', packageId: 2 })).cost
    h.sim.setCredits(price * 3 + 1)
    const { run } = await createRun(10, 'poor')
    await h.spending.bulkFinished(run.runId)
    const end = await h.spending.handlers['bulk:status']({ runId: run.runId })
    expect(end.state).toBe('stopped')
    expect(end.stoppedReason).toMatch(/not enough credits/i)
    expect(end.counts.succeeded).toBe(3)
    const refused = end.items.filter((i) => i.state === 'failed')
    // Refused by the panel (journaled) or, once the refreshed balance shows it, before sending (not journaled).
    // With two in flight, at most two items can be refused before the run stops.
    expect(refused.length).toBeGreaterThanOrEqual(1)
    expect(refused.length).toBeLessThanOrEqual(2)
    expect(refused.every((i) => /credits/i.test(i.reason ?? ''))).toBe(true)
    const refusedByPanel = refused.filter((i) => i.journalId !== null)
    expect(end.items.filter((i) => i.state === 'skipped')).toHaveLength(10 - 3 - refused.length)
    expect(creates()).toHaveLength(3 + refusedByPanel.length)
    expect(h.spending.journal.query({ actions: ['create_line'] }).total).toBe(3 + refusedByPanel.length)
    expect(h.spending.journal.query({ actions: ['create_line'], outcomes: ['failed'] }).rows.every((e) => e.errorCode === 'INSUFFICIENT_CREDITS')).toBe(true)
  })

  test('retryFailed retries only failed items, never unknown ones, as a new run', async () => {
    // Item 1: refused by nginx (certainly not applied) → failed. Item 2: no answer → unknown.
    h.sim.faults.add({ action: 'create_line', kind: 'html503', times: 1 })
    h.sim.faults.add({ action: 'create_line', kind: 'stall', times: 1 })
    const { run } = await createRun(5, 'rtry')
    await h.spending.bulkFinished(run.runId)
    const end = await h.spending.handlers['bulk:status']({ runId: run.runId })
    expect(end.counts).toMatchObject({ succeeded: 3, failed: 1, unknown: 1 })
    const failedLabel = end.items.find((i) => i.state === 'failed')!.label
    const unknownLabel = end.items.find((i) => i.state === 'unknown')!.label
    const retry = await h.spending.handlers['bulk:retryFailed']({ runId: run.runId })
    expect(retry.runId).not.toBe(run.runId)
    expect(retry.items.map((i) => i.label)).toEqual([failedLabel])
    await h.spending.bulkFinished(retry.runId)
    expect((await h.spending.handlers['bulk:status']({ runId: retry.runId })).counts.succeeded).toBe(1)
    const sentNames = creates().map((r) => new URLSearchParams(r.params).get('username'))
    expect(sentNames.filter((n) => n === unknownLabel)).toHaveLength(1)
    expect(sentNames.filter((n) => n === failedLabel)).toHaveLength(2)
    await rejectsWith(h.spending.handlers['bulk:retryFailed']({ runId: retry.runId }), 'VALIDATION')
  })

  test('setNotes and disable over a selection; activation codes from a pattern', async () => {
    const ids = lines().filter((l) => !l.username.startsWith('dupe')).slice(0, 3).map((l) => l.id)
    for (const [operation, extra] of [['setNotes', { notes: 'Bulk note' }], ['disable', {}]] as const) {
      const plan = await h.spending.handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation, ids, ...extra })
      expect(plan.totalCost).toBe(0)
      const run = await h.spending.handlers['bulk:start']({ planId: plan.planId })
      await h.spending.bulkFinished(run.runId)
      expect((await h.spending.handlers['bulk:status']({ runId: run.runId })).counts.succeeded).toBe(3)
    }
    for (const id of ids) expect(h.sim.state.lines.get(id)).toMatchObject({ reseller_notes: 'Bulk note', enabled: 0 })

    const plan = await h.spending.handlers['bulk:plan']({
      profileId: h.profileId, resource: 'activecodes', operation: 'create', packageId: 2,
      create: { count: 3, prefix: '77', mode: 'counter', startAt: 1, digits: 8, trial: false },
    })
    expect(plan.items.map((i) => i.label)).toEqual(['7700000001', '7700000002', '7700000003'])
    const run = await h.spending.handlers['bulk:start']({ planId: plan.planId })
    await h.spending.bulkFinished(run.runId)
    const end = await h.spending.handlers['bulk:status']({ runId: run.runId })
    expect(end.counts.succeeded).toBe(3)
    expect(end.items.map((i) => i.result?.code)).toEqual(['7700000001', '7700000002', '7700000003'])
    expect(h.sim.ledger().filter((l) => l.action === 'create_activecode').map((l) => l.target)).toEqual([
      'activecode:7700000001', 'activecode:7700000002', 'activecode:7700000003',
    ])
  })

  test('a plan runs once', async () => {
    const { plan, run } = await createRun(1, 'once')
    await h.spending.bulkFinished(run.runId)
    await rejectsWith(h.spending.handlers['bulk:start']({ planId: plan.planId }), 'NOT_FOUND_LOCAL')
    expect(creates()).toHaveLength(1)
  })

  test('CSV export carries credentials and the M3U link of created lines', async () => {
    const { run } = await createRun(2, 'csvx')
    await h.spending.bulkFinished(run.runId)
    const { csv, filename } = await h.spending.handlers['bulk:exportCsv']({ runId: run.runId })
    expect(filename).toMatch(/^bulk-.*\.csv$/)
    const rows = csv.trimEnd().split('\r\n')
    expect(rows[0]).toBe('item,state,reason,journal id,cost,id,username,password,code,mac,expires,m3u url')
    expect(rows).toHaveLength(3)
    const line = h.sim.state.lines.get([...h.sim.state.usernames.entries()].find(([u]) => u.toLowerCase() === 'csvx0001')![1])!
    expect(rows[1]).toContain(`csvx0001,succeeded`)
    expect(rows[1]).toContain(line.password)
    expect(rows[1]).toContain(`http://127.0.0.1:${h.sim.port}/get.php?username=csvx0001&password=${encodeURIComponent(line.password)}&type=m3u_plus&output=ts`)
  })
})

function runHasRunning(runId: string): boolean {
  const p = lastProgress(runId)
  return !p || p.items.some((i) => i.state === 'running')
}
