/**
 * PROOF: a crash in the middle of a bulk run loses no money record.
 *
 * A child process runs a bulk create against a simulator this process owns.
 * We freeze it (SIGSTOP) while some of its requests are in flight, let the
 * panel apply them — their answers now sit unread in the child's socket — and
 * kill it (SIGKILL): the worst moment, charged but not recorded. Re-opening
 * the journal shows every item either with its outcome or as unknown, never
 * pending; reconciliation then settles each unknown exactly as the panel's
 * ledger says.
 */
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { waitFor } from '../../helpers/wait'
import { makeWorld } from './fixtures/harness'

const COUNT = 120
const PREFIX = 'crash'
const SETTLE = 60_000

let sim: RunningSimulator | undefined
let child: ChildProcess | undefined
const dir = mkdtempSync(join(tmpdir(), 'xm-crash-'))

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Read the child's journal from outside (a second connection, read-only, as the child keeps writing). */
function journalState(): { username: string; outcome: string }[] {
  try {
    const db = new Database(join(dir, 'journal.db'), { readonly: true, fileMustExist: true })
    try {
      return db.prepare(`SELECT target AS username, outcome FROM entries ORDER BY id`).all() as { username: string; outcome: string }[]
    } finally {
      db.close()
    }
  } catch {
    return [] // not created yet
  }
}

/** Linux process state letter from /proc (R running, S sleeping, T stopped). */
function processState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  } catch {
    return '?'
  }
}

const appliedNames = () => new Set(sim!.ledger().filter((l) => l.action === 'create_line').map((l) => l.target.slice('line:'.length)))

test('SIGKILL mid-run: every item recorded or unknown; reconciliation matches the ledger', async () => {
  sim = await startSimulator({ seed: 11, lines: 10, mags: 0, enigmas: 0, activecodes: 0, subResellers: 1, credits: 1_000_000 })
  // Each create takes a moment on the panel, so requests are in flight when we strike.
  sim.faults.add({ action: 'create_line', kind: 'latency', latencyMs: 30 })
  let out = ''
  child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/spending/fixtures/bulk-child.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, SIM_PORT: String(sim.port), SIM_ACCESS_CODE: sim.accessCode, SIM_KEY: sim.apiKey, WORLD_DIR: dir, COUNT: String(COUNT), PREFIX },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()))

  // Strike when some items are done and some intents are pending; retry the freeze until an
  // applied-but-unrecorded item exists (the panel answers within its 30 ms latency).
  let caught = false
  for (let attempt = 0; attempt < 20 && !caught; attempt++) {
    await waitFor(`child progress (stderr: ${err.slice(0, 500)})`, () => {
      const j = journalState()
      return j.filter((e) => e.outcome === 'succeeded').length >= COUNT / 4 + attempt && j.some((e) => e.outcome === 'pending')
    }, 30_000)
    child.kill('SIGSTOP')
    // The signal lands asynchronously: read the journal only once the child is really frozen.
    await waitFor('the child to stop', () => processState(child!.pid!) === 'T')
    // Only a request the panel applies AFTER the freeze proves the child never saw its answer
    // (a commit caught half-published at the freeze would otherwise look pending from outside).
    const seqAtStop = sim.ledger().length
    const pendingNames = new Set(journalState().filter((e) => e.outcome === 'pending').map((e) => e.username))
    const appliedAfterStop = () =>
      sim!.ledger().slice(seqAtStop).some((l) => l.action === 'create_line' && pendingNames.has(l.target.slice('line:'.length)))
    try {
      await waitFor('an in-flight item applied by the panel after the freeze', appliedAfterStop, 1_000)
      caught = true
    } catch {
      child.kill('SIGCONT')
      await waitFor('the child to continue', () => processState(child!.pid!) !== 'T')
    }
  }
  expect(caught).toBe(true)
  child.kill('SIGKILL')
  await exited
  expect(child.signalCode).toBe('SIGKILL')
  expect(out).toContain('"started"')
  expect(out).not.toContain('"finished"')

  // ---- Re-open everything the child had, in this process. ----
  const world = await makeWorld(sim, { dir, settleMs: SETTLE })
  try {
    const j = world.spending.journal
    expect(j.recoveredPending).toBeGreaterThan(0)
    const entries = [...j.iterate({})]
    expect(entries.some((e) => e.outcome === 'pending')).toBe(false)
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.length).toBeLessThan(COUNT)
    const runIds = new Set(entries.map((e) => e.bulkRunId))
    expect(runIds.size).toBe(1)
    expect([...runIds][0]).toBe(JSON.parse(out.split('\n')[0]!).started)

    // Nothing the panel applied is missing from the journal (the intent always came first).
    const applied = appliedNames()
    const journaled = new Set(entries.map((e) => e.target))
    for (const name of applied) expect(journaled.has(name), `applied but not journaled: ${name}`).toBe(true)
    // Nothing applied twice.
    const ledgerNames = sim.ledger().filter((l) => l.action === 'create_line').map((l) => l.target)
    expect(new Set(ledgerNames).size).toBe(ledgerNames.length)

    const unknownBefore = entries.filter((e) => e.outcome === 'unknown')
    const appliedUnknown = unknownBefore.filter((e) => applied.has(e.target))
    expect(appliedUnknown.length).toBeGreaterThan(0) // the worst case really happened
    for (const e of entries.filter((x) => x.outcome !== 'unknown')) {
      expect(e.outcome === 'succeeded', `${e.target} ${e.outcome}`).toBe(applied.has(e.target))
    }

    // ---- Reconcile on request, after the settle window. ----
    world.clock.offsetMs += SETTLE
    const r = await world.spending.reconcileUnknown()
    expect(r).toEqual({ checked: unknownBefore.length, settled: unknownBefore.length })
    for (const e of unknownBefore) {
      const now = j.require(e.id)
      expect(now.outcome, `${e.target}: ${now.evidence}`).toBe(applied.has(e.target) ? 'succeeded' : 'failed')
    }
    console.log(
      `[crash] journaled=${entries.length}/${COUNT} appliedOnPanel=${applied.size} recoveredPending=${j.recoveredPending} ` +
        `unknownAfterRestart=${unknownBefore.length} (applied=${appliedUnknown.length}) unknownAfterReconcile=${j.unknownIds().length}`,
    )
  } finally {
    await world.closeWorld()
  }
}, 90_000)
