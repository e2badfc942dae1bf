/**
 * Issue #11 §3: a local failure after sending must never invite a second charge.
 * The data folder lives on a tiny real filesystem (a tmpfs mounted for this
 * test), so the journal's SQLite file meets a truly full or read-only disk:
 *   - the journal cannot take the intent → nothing is sent, and the user is
 *     told why (disk full), named (read-only and damaged files:
 *     test/unit/journal/failure.test.ts);
 *   - the disk fills while the request is out (the panel applied a create) →
 *     "the panel may have applied this — do not retry", never a retryable
 *     error; the entry is an unknown to settle in the same session, and once
 *     the disk has room "Check again" settles it without sending anything.
 * Needs mount rights (root, as in this project's CI container); elsewhere it is
 * skipped and says so.
 */
import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { makeWorld, rejectsWith, type World } from './fixtures/harness'

const mnt = mkdtempSync(join(tmpdir(), 'xm-tinyfs-'))
function tryMount(): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const mounted = tryMount()
if (!mounted) console.warn('[journal-disk] skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)')

const FILLER = join(mnt, 'filler')
/** Fill the filesystem to the last byte (smaller and smaller writes until ENOSPC). */
function fillDisk(): void {
  const fd = openSync(FILLER, 'a')
  try {
    for (let chunk = 1 << 20; chunk >= 1; chunk >>= 1) {
      const buf = Buffer.alloc(chunk, 1)
      for (;;) {
        try {
          writeSync(fd, buf)
        } catch {
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
}
const freeDisk = () => rmSync(FILLER, { force: true })

let sim: RunningSimulator
let w: World & { closeWorld(): Promise<void> }
const sent = (action: string) => w.sent.filter((r) => r.action === action).length
const applied = (action: string) => sim.ledger().filter((l) => l.action === action).length

describe.skipIf(!mounted)('the journal on a tiny filesystem', () => {
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, lines: 10, mags: 2, enigmas: 0, activecodes: 2, subResellers: 2, credits: 10_000 })
  })
  afterAll(async () => {
    await sim?.close()
    try {
      execFileSync('umount', [mnt], { stdio: 'ignore' })
    } finally {
      rmSync(mnt, { recursive: true, force: true })
    }
  })
  beforeEach(async () => {
    // The cache and profiles stay on the ordinary disk; only the journal is on the tiny one.
    w = await makeWorld(sim, { timeoutMs: 2000, settleMs: 60_000, journalFile: join(mnt, `journal-${Date.now()}.db`) })
    await w.prime(['lines'])
  })
  afterEach(async () => {
    freeDisk()
    await w.closeWorld()
  })

  test('disk full before sending: nothing is sent, and the user is told the disk is full', async () => {
    fillDisk()
    const e = await rejectsWith(w.spending.handlers['lines:create']({ profileId: w.profileId, packageId: 1, trial: false, username: 'full-disk-01' }), 'JOURNAL_UNWRITABLE')
    expect(e.message).toMatch(/audit journal .* could not be written: the disk holding it is full/)
    expect(sent('create_line')).toBe(0)
    expect(applied('create_line')).toBe(0)
  })

  test('disk full while the panel applies a create: "may have applied — do not retry", unknown at once, settled later by reading only', async () => {
    // The request is on its way when the disk fills: the panel applies it, the journal cannot record the answer.
    w.onSend = (req) => {
      if (req.action === 'create_line') fillDisk()
    }
    const e = await rejectsWith(w.spending.handlers['lines:create']({ profileId: w.profileId, packageId: 1, trial: false, username: 'charged-01' }), 'OUTCOME_UNKNOWN')
    w.onSend = null
    expect(e.outcome).toBe('unknown')
    expect(e.message).toMatch(/^The panel may have applied this — do not retry\. It is recorded as unknown/)
    expect(e.message).toMatch(/the disk holding it is full/)
    expect(e.message).not.toMatch(/try again/i)
    const id = e.details!.journalId as number
    expect(applied('create_line')).toBe(1)

    // The same session: not "pending" for ever, but an unknown the user can check or decide.
    const entry = w.spending.journal.require(id)
    expect(entry.outcome).toBe('unknown')
    expect(entry.evidence).toMatch(/The panel answered that it applied this, but the journal could not record it/)
    expect(w.spending.journal.unknownIds()).toContain(id)
    expect(w.spending.journal.query({ outcomes: ['unknown'] }).rows.map((r) => r.id)).toContain(id)
    expect(w.spending.journal.query({ outcomes: ['pending'] }).total).toBe(0)

    // Room again: "Check again" records and settles it, by reading; nothing is sent twice.
    freeDisk()
    const settled = await w.spending.handlers['journal:reconcile']({ id })
    expect(settled.outcome).toBe('succeeded')
    expect(settled.evidence).toMatch(/Found line charged-01 .* → settled as succeeded/)
    expect(sent('create_line')).toBe(1)
    expect(applied('create_line')).toBe(1)
  })

  test('still full when checked: the entry stays unknown (not an error), and the user may decide it', async () => {
    w.onSend = (req) => {
      if (req.action === 'create_line') fillDisk()
    }
    const e = await rejectsWith(w.spending.handlers['lines:create']({ profileId: w.profileId, packageId: 1, trial: false, username: 'charged-02' }), 'OUTCOME_UNKNOWN')
    w.onSend = null
    const id = e.details!.journalId as number
    await rejectsWith(w.spending.handlers['journal:reconcile']({ id }), 'JOURNAL_UNWRITABLE')
    expect(w.spending.journal.require(id).outcome).toBe('unknown')
    freeDisk()
    const decided = await w.spending.handlers['journal:decide']({ id, outcome: 'succeeded', note: 'seen on the panel' })
    expect(decided.outcome).toBe('succeeded')
    expect(sent('create_line')).toBe(1)
  })
})
