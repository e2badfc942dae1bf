import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { Journal, type IntentInput } from '../../../electron/core/journal'

let dir: string
let file: string
let t: number
const now = () => t

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xm-journal-'))
  file = join(dir, 'journal.db')
  t = 1_700_000_000_000
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const intent = (over: Partial<IntentInput> = {}): IntentInput => ({
  profileId: 'p1',
  profileName: 'Panel one',
  action: 'create_line',
  resource: 'lines',
  target: 'alice123',
  params: { package: 2, username: 'alice123' },
  expectedCost: 13,
  balanceBefore: 100,
  ...over,
})

describe('journal: append-only', () => {
  test('an intent is pending, then completed once', () => {
    const changed: number[] = []
    const j = new Journal(file, { now, onChange: (id) => changed.push(id) })
    const id = j.recordIntent(intent())
    expect(j.require(id).outcome).toBe('pending')
    t += 50
    const e = j.complete(id, { outcome: 'succeeded', response: { id: 9 }, balanceAfter: 87 })
    expect(e).toMatchObject({ outcome: 'succeeded', balanceAfter: 87, finishedAt: t, response: { id: 9 } })
    expect(changed).toEqual([id, id])
    expect(() => j.complete(id, { outcome: 'failed' })).toThrow(/already settled/)
    j.close()
  })

  test('the database itself refuses DELETE and any change to a settled outcome or an intent', () => {
    const j = new Journal(file, { now })
    const a = j.recordIntent(intent())
    const b = j.recordIntent(intent({ target: 'bob12345' }))
    j.complete(a, { outcome: 'failed', errorCode: 'EXISTS_USERNAME', errorMessage: 'taken' })
    j.close()
    const raw = new Database(file)
    expect(() => raw.prepare('DELETE FROM entries WHERE id = ?').run(a)).toThrow(/append-only/)
    expect(() => raw.prepare('DELETE FROM entries').run()).toThrow(/append-only/)
    expect(() => raw.prepare("UPDATE entries SET outcome = 'succeeded' WHERE id = ?").run(a)).toThrow(/settled outcome/)
    expect(() => raw.prepare("UPDATE entries SET error_message = 'x' WHERE id = ?").run(a)).toThrow(/settled outcome/)
    // Even a pending entry's intent cannot be rewritten.
    expect(() => raw.prepare('UPDATE entries SET expected_cost = 0 WHERE id = ?').run(b)).toThrow(/intent/)
    expect(() => raw.prepare("UPDATE entries SET target = 'x' WHERE id = ?").run(b)).toThrow(/intent/)
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/)
    expect(() => raw.prepare("UPDATE events SET detail = 'x'").run()).toThrow(/append-only/)
    expect((raw.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n).toBe(2)
    raw.close()
  })

  test('unknown may settle; it can never go back to pending', () => {
    const j = new Journal(file, { now })
    const id = j.recordIntent(intent())
    j.complete(id, { outcome: 'unknown', errorCode: 'OUTCOME_UNKNOWN' })
    j.close()
    const raw = new Database(file)
    expect(() => raw.prepare("UPDATE entries SET outcome = 'pending' WHERE id = ?").run(id)).toThrow(/pending again/)
    raw.close()
    const j2 = new Journal(file, { now })
    expect(j2.complete(id, { outcome: 'succeeded', evidence: 'found' }).outcome).toBe('succeeded')
    j2.close()
  })

  test('events record every transition', () => {
    const j = new Journal(file, { now })
    const id = j.recordIntent(intent())
    j.complete(id, { outcome: 'unknown', evidence: 'no answer' })
    j.noteCheck(id, 'panel offline')
    j.decide(id, 'failed', 'not on the panel')
    const ev = j.events(id).map((e) => [e.fromOutcome, e.toOutcome])
    expect(ev).toEqual([
      [null, 'pending'],
      ['pending', 'unknown'],
      ['unknown', 'unknown'],
      ['unknown', 'failed'],
    ])
    expect(j.require(id).evidence).toBe('Decided by the user: not on the panel')
    j.close()
  })

  test('balance_after of a settled entry may be filled once, never changed', () => {
    const j = new Journal(file, { now })
    const id = j.recordIntent(intent())
    j.complete(id, { outcome: 'succeeded' })
    j.setBalanceAfter(id, 87)
    j.setBalanceAfter(id, 1) // ignored: already filled
    expect(j.require(id).balanceAfter).toBe(87)
    j.close()
    const raw = new Database(file)
    expect(() => raw.prepare('UPDATE entries SET balance_after = 5 WHERE id = ?').run(id)).toThrow(/settled outcome/)
    raw.close()
  })

  test('on open, a pending intent (crash between send and answer) becomes unknown', () => {
    const j = new Journal(file, { now })
    const pending = j.recordIntent(intent())
    const done = j.recordIntent(intent({ target: 'x2345678' }))
    j.complete(done, { outcome: 'succeeded' })
    j.close()
    const j2 = new Journal(file, { now })
    expect(j2.recoveredPending).toBe(1)
    expect(j2.require(pending).outcome).toBe('unknown')
    expect(j2.require(pending).evidence).toMatch(/stopped, or could not record the panel's answer, before this was settled/)
    expect(j2.require(done).outcome).toBe('succeeded')
    expect(j2.unknownIds()).toEqual([pending])
    j2.close()
  })

  test('decide settles only unknown entries', () => {
    const j = new Journal(file, { now })
    const id = j.recordIntent(intent())
    expect(() => j.decide(id, 'succeeded', '')).toThrow(/still waiting/)
    j.complete(id, { outcome: 'succeeded' })
    expect(() => j.decide(id, 'failed', 'x')).toThrow(/already settled/)
    expect(() => j.decide(999, 'failed', 'x')).toThrow(/no journal entry/)
    j.close()
  })

  test('query filters by panel, action, outcome and dates, newest first, with a total', () => {
    const j = new Journal(file, { now })
    const ids: number[] = []
    for (let i = 0; i < 12; i++) {
      t = 1_700_000_000_000 + i * 1000
      const id = j.recordIntent(intent({ profileId: i % 2 ? 'p2' : 'p1', action: i % 3 ? 'create_line' : 'edit_line', target: `u${i}` }))
      j.complete(id, { outcome: i % 4 === 0 ? 'failed' : 'succeeded' })
      ids.push(id)
    }
    expect(j.query({}).total).toBe(12)
    expect(j.query({ limit: 3 }).rows.map((r) => r.target)).toEqual(['u11', 'u10', 'u9'])
    expect(j.query({ limit: 3, offset: 3 }).rows.map((r) => r.target)).toEqual(['u8', 'u7', 'u6'])
    expect(j.query({ profileIds: ['p2'] }).total).toBe(6)
    expect(j.query({ actions: ['edit_line'] }).rows.map((r) => r.target)).toEqual(['u9', 'u6', 'u3', 'u0'])
    expect(j.query({ outcomes: ['failed'] }).total).toBe(3)
    expect(j.query({ from: 1_700_000_003_000, to: 1_700_000_005_000 }).rows.map((r) => r.target)).toEqual(['u5', 'u4', 'u3'])
    expect(j.query({ profileIds: ['p1'], outcomes: ['failed'], actions: ['edit_line'] }).rows.map((r) => r.target)).toEqual(['u0'])
    expect([...j.iterate({ profileIds: ['p1'] })].map((r) => r.target)).toEqual(['u0', 'u2', 'u4', 'u6', 'u8', 'u10'])
    j.close()
  })

  test('the journal is its own durable file: WAL, synchronous FULL', () => {
    const j = new Journal(file, { now })
    j.close()
    const raw = new Database(file)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
    const j2 = new Journal(file, { now })
    // synchronous is per connection: read it through the journal's own settings.
    expect((j2 as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(2)
    j2.close()
  })
})

describe('journal: no secrets in any column', () => {
  test('customer passwords and API keys never reach the file', () => {
    const password = 'S3cretPass-991'
    const apiKey = '0123456789abcdef0123456789abcdef'
    const j = new Journal(file, { now })
    const id = j.recordIntent(
      intent({
        target: 'alice123',
        params: { username: 'alice123', password, api_key: apiKey, nested: { user: { password, apiKey } } },
        context: { key: 'alice123', password },
        secrets: [password],
      }),
    )
    j.complete(id, {
      outcome: 'failed',
      response: { id: 4, username: 'alice123', password, user: { password, parent_password: '0000' }, api_key: apiKey },
      errorCode: 'FAILURE',
      errorMessage: `panel echoed password=${password} at http://x/y?api_key=${apiKey}&action=create_line`,
      secrets: [password],
    })
    const e = j.require(id)
    expect(e.params).toMatchObject({ username: 'alice123', password: '••••' })
    expect(e.params).not.toHaveProperty('api_key')
    expect(e.response).toMatchObject({ password: '••••', user: { password: '••••' } })
    expect(e.errorMessage).toContain('api_key=***')
    j.close()
    for (const f of [file, `${file}-wal`]) {
      if (!existsSync(f)) continue
      const bytes = readFileSync(f)
      expect(bytes.includes(Buffer.from(password)), `password in ${f}`).toBe(false)
      expect(bytes.includes(Buffer.from(apiKey)), `api key in ${f}`).toBe(false)
    }
    // Sanity: the file does hold the (non-secret) username, so the grep is meaningful.
    const all = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)])
    expect(all.includes(Buffer.from('alice123'))).toBe(true)
  })
})
