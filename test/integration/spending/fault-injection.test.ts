/**
 * PROOF (issue "Safe spending"): 1,000+ randomised spending operations — single
 * creates, extensions and credit transfers, and bulk runs — against the real
 * simulator while it drops answers after applying them, resets connections,
 * stalls, answers nginx 503 pages and empty 500s at random. Afterwards:
 *   - no operation was applied twice (simulator ledger) and no write request
 *     was sent twice (counting fetch);
 *   - the journal holds a completed record for every operation, none pending;
 *   - after reconciliation every unknown is settled, and correctly:
 *     succeeded ⇔ the ledger shows it applied;
 *   - the app's view of the balance equals the simulator's, and the journal's
 *     succeeded costs add up to exactly what the panel charged.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { BulkRun } from '../../../electron/shared/views'
import { mulberry32, pick } from '../../../electron/simulator/prng'
import type { FaultKind } from '../../../electron/simulator/types'
import { makeHarness, type Harness } from './fixtures/harness'
import { countBy, ledgerKey, requestKey } from './fixtures/ledger'

const SEED = Number(process.env.FAULT_SEED ?? 20250115)
const TARGET_OPS = 1000
const SETTLE = 60_000
const START_CREDITS = 1_000_000

const WRITE_ACTIONS = ['create_line', 'create_mag', 'create_enigma', 'create_activecode', 'create_user', 'edit_line', 'edit_mag', 'edit_activecode', 'adjust_credits']
const FAULTS: [FaultKind, number][] = [
  ['applyThenDrop', 0.06],
  ['reset', 0.04],
  ['stall', 0.02],
  ['html503', 0.04],
  ['http500empty', 0.02],
]

interface Op {
  key: string // simulator ledger key: action|target
  via: 'single' | 'bulk'
  journalId: number | null
  error: string | null
}

let h: Harness
/**
 * The journal keeps synchronous=FULL (an fsync per commit, ~4 ms on this disk, ~3000 commits here).
 * This test is about logic, not the disk, so its files live in RAM when the machine has /dev/shm;
 * the crash test exercises the real disk path.
 */
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'xm-faults-'))
// Seeded, so a failing run can be replayed with the same FAULT_SEED.
const rnd = mulberry32(SEED)
const ops: Op[] = []
let lineIds: number[] = []
let magIds: number[] = []
let codeIds: number[] = []
let subs: { id: number; credits: number }[] = []
const macs = new Set<string>()

beforeAll(async () => {
  h = await makeHarness({
    sim: { seed: SEED, lines: 700, mags: 80, enigmas: 10, activecodes: 80, subResellers: 160, credits: START_CREDITS },
    timeoutMs: 150,
    settleMs: SETTLE,
    dir,
  })
  await h.prime(['lines', 'mags', 'activecodes', 'subResellers'])
  const rows = (r: 'lines' | 'mags' | 'activecodes' | 'subResellers') =>
    h.cache.query({ profileIds: [h.profileId], resource: r, offset: 0, limit: 1000 }, 0).rows as unknown as { id: number; credits: number }[]
  lineIds = rows('lines').map((r) => r.id)
  magIds = rows('mags').map((r) => r.id)
  codeIds = rows('activecodes').map((r) => r.id)
  subs = rows('subResellers').map((r) => ({ id: r.id, credits: r.credits }))
  for (const m of h.sim.state.magMacs.keys()) macs.add(m.toUpperCase())
  for (const action of WRITE_ACTIONS) for (const [kind, probability] of FAULTS) h.sim.faults.add({ action, kind, probability })
  // Reads fail now and then too (the client retries them; reconciliation may have to wait).
  h.sim.faults.add({ action: '*', kind: 'html503', probability: 0.01 })
}, 60_000)

afterAll(async () => {
  await h?.close()
  rmSync(dir, { recursive: true, force: true })
})

const take = <T>(xs: T[]): T | undefined => xs.splice(Math.floor(rnd() * xs.length), 1)[0]
const seedTag = SEED.toString(36).padStart(4, '0')
const name = (prefix: string, i: number) => `${prefix}${seedTag}${i.toString(36).padStart(4, '0')}`
function freshMac(): string {
  for (;;) {
    const hex = Array.from({ length: 3 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0').toUpperCase())
    const mac = `00:1A:79:${hex.join(':')}`
    if (!macs.has(mac)) {
      macs.add(mac)
      return mac
    }
  }
}

async function single(key: string, run: () => Promise<{ journalId: number }>): Promise<void> {
  try {
    const r = await run()
    ops.push({ key, via: 'single', journalId: r.journalId, error: null })
  } catch (e) {
    const err = e as { code?: string; details?: { journalId?: number } }
    ops.push({ key, via: 'single', journalId: err.details?.journalId ?? null, error: err.code ?? 'THROWN' })
  }
}

async function bulk(i: number): Promise<void> {
  const handlers = h.spending.handlers
  const create = rnd() < 0.5 || lineIds.length < 40
  const size = 10 + Math.floor(rnd() * 25)
  const prefix = `b${i.toString(36)}${seedTag}n`
  let plan
  if (create) {
    plan = await handlers['bulk:plan']({
      profileId: h.profileId, resource: 'lines', operation: 'create', packageId: pick(rnd, [1, 2, 6]),
      create: { count: size, prefix, mode: 'counter', startAt: 1, digits: 3, trial: false },
    })
  } else {
    const ids = Array.from({ length: size }, () => take(lineIds)!).filter((x) => x !== undefined)
    plan = await handlers['bulk:plan']({ profileId: h.profileId, resource: 'lines', operation: 'extend', packageId: pick(rnd, [1, 2, 6]), ids })
  }
  const run: BulkRun = await handlers['bulk:start']({ planId: plan.planId })
  await h.spending.bulkFinished(run.runId)
  const end = await handlers['bulk:status']({ runId: run.runId })
  expect(end.state).toBe('done')
  for (const it of end.items) {
    const key = create ? `create_line|line:${it.label}` : `edit_line|line:${it.key.slice(1)}`
    ops.push({ key, via: 'bulk', journalId: it.journalId, error: it.state === 'succeeded' ? null : it.state })
  }
}

test(`${TARGET_OPS}+ randomised spending operations under faults: no double charge, full journal, correct reconciliation`, async () => {
  const H = h.spending.handlers
  const p = h.profileId
  let i = 0
  while (ops.length < TARGET_OPS) {
    i++
    const roll = rnd()
    if (roll < 0.06) {
      await bulk(i)
      continue
    }
    if (roll < 0.3) {
      const username = name('fl', i)
      await single(`create_line|line:${username}`, () => H['lines:create']({ profileId: p, packageId: pick(rnd, [1, 2, 3, 6]), trial: false, username, password: `pw${username}` }))
    } else if (roll < 0.38) {
      const mac = freshMac()
      await single(`create_mag|mag:${mac}`, () => H['mags:create']({ profileId: p, mac, packageId: 7, trial: false }))
    } else if (roll < 0.46) {
      const code = String(4_000_000_000 + SEED % 1000 * 100_000 + i)
      await single(`create_activecode|activecode:${code}`, () => H['activecodes:create']({ profileId: p, packageId: pick(rnd, [1, 2]), trial: false, code }))
    } else if (roll < 0.5) {
      const username = name('sr', i)
      await single(`create_user|user:${username}`, () => H['subResellers:create']({ profileId: p, username, password: `pw${username}` }))
    } else if (roll < 0.72 && lineIds.length > 0) {
      const id = take(lineIds)!
      await single(`edit_line|line:${id}`, () => H['lines:extend']({ profileId: p, id, packageId: pick(rnd, [1, 2, 3, 6]) }))
    } else if (roll < 0.78 && magIds.length > 0) {
      const id = take(magIds)!
      await single(`edit_mag|mag:${id}`, () => H['mags:extend']({ profileId: p, id, packageId: 7 }))
    } else if (roll < 0.84 && codeIds.length > 0) {
      const id = take(codeIds)!
      await single(`edit_activecode|activecode:${id}`, () => H['activecodes:extend']({ profileId: p, id, packageId: 2 }))
    } else if (subs.length > 0) {
      const s = take(subs)!
      const credits = s.credits >= 3 && rnd() < 0.3 ? -(1 + Math.floor(rnd() * 3)) : 1 + Math.floor(rnd() * 20)
      await single(`adjust_credits|user:${s.id}`, () => H['subResellers:adjustCredits']({ profileId: p, id: s.id, credits }))
    }
  }

  // ---- The panel applied nothing twice; the client sent nothing twice. ----
  const ledger = h.sim.ledger()
  const appliedTimes = countBy(ledger, ledgerKey)
  const sentTimes = countBy(h.sent, requestKey)
  const duplicatesApplied = [...appliedTimes.values()].filter((n) => n > 1).length
  const duplicatesSent = [...sentTimes.values()].filter((n) => n > 1).length
  expect(new Set(ops.map((o) => o.key)).size).toBe(ops.length) // every op had its own target
  expect(duplicatesApplied).toBe(0)
  expect(duplicatesSent).toBe(0)
  // Everything the panel applied belongs to one of our operations.
  const opKeys = new Set(ops.map((o) => o.key))
  expect(ledger.filter((l) => !opKeys.has(ledgerKey(l)))).toEqual([])

  // ---- Every operation that was sent has a completed journal record. ----
  const notSent = ops.filter((o) => o.journalId === null)
  for (const o of notSent) expect(sentTimes.get(o.key) ?? 0, `refused locally but sent: ${o.key}`).toBe(0)
  const sentOps = ops.filter((o) => o.journalId !== null)
  expect(new Set(sentOps.map((o) => o.journalId)).size).toBe(sentOps.length)
  expect(h.spending.journal.query({ outcomes: ['pending'] }).total).toBe(0)
  expect(h.spending.journal.query({ limit: 1 }).total).toBe(sentOps.length)
  const unknownBefore = h.spending.journal.query({ outcomes: ['unknown'], limit: 1 }).total

  // ---- A minute later, with the panel healthy: check every unknown again. ----
  h.sim.faults.clear()
  h.clock.offsetMs += SETTLE
  await h.spending.reconcileUnknown()
  const unknownAfter = h.spending.journal.query({ outcomes: ['unknown'], limit: 1 }).total
  expect(unknownAfter).toBe(0)

  let succeeded = 0
  let failed = 0
  let reconciled = 0
  let journalCost = 0
  for (const o of sentOps) {
    const e = h.spending.journal.require(o.journalId!)
    const applied = (appliedTimes.get(o.key) ?? 0) === 1
    expect(e.outcome, `${o.key}: journal ${e.outcome}, ledger ${applied ? 'applied' : 'not applied'} (${e.evidence})`).toBe(applied ? 'succeeded' : 'failed')
    if (e.outcome === 'succeeded') {
      succeeded++
      journalCost += e.expectedCost
    } else failed++
    if (e.errorCode === 'OUTCOME_UNKNOWN') reconciled++
  }
  for (const o of notSent) expect(appliedTimes.get(o.key) ?? 0).toBe(0)

  // ---- Money: the app's balance is the panel's; the journal accounts for every credit. ----
  // What the app shows is its own copy (the cached account every write and settle refreshes),
  // not a fresh read through the client.
  const appBalance = h.cache.getAccount(h.profileId)?.info.credits
  expect(appBalance).toBe(h.sim.credits())
  expect(journalCost).toBe(START_CREDITS - h.sim.credits())
  expect(ledger.reduce((s, l) => s + l.cost, 0)).toBe(journalCost)

  console.log(
    `[fault-injection seed=${SEED}] ops=${ops.length} (single=${ops.filter((o) => o.via === 'single').length}, bulk=${ops.filter((o) => o.via === 'bulk').length}) ` +
      `sent=${sentOps.length} refusedLocally=${notSent.length} applied=${ledger.length} succeeded=${succeeded} failed=${failed} ` +
      `unknownBeforeReconcile=${unknownBefore} unknownAfterReconcile=${unknownAfter} settledByReading=${reconciled} ` +
      `duplicatesApplied=${duplicatesApplied} duplicatesSent=${duplicatesSent} credits=${START_CREDITS}→${h.sim.credits()} requests=${h.sent.length}`,
  )
}, 240_000)
