/**
 * The audit journal: its own SQLite file (never the cache — the cache may be
 * thrown away and rebuilt; this may not). WAL with synchronous=FULL so an
 * intent committed before a request is sent survives a crash or power loss.
 *
 * Life of an entry: recordIntent (pending) → complete (succeeded | failed |
 * unknown) → for unknown: settle by reconciliation or by the user (decide).
 * On open, a pending entry means the app died, or could not record the answer,
 * between sending and settling, so it becomes unknown — never failed, never resent.
 *
 * A write the file refuses (disk full, read-only, damaged) throws
 * JOURNAL_UNWRITABLE (failure.ts). A completion that could not be written
 * leaves its entry pending on disk; for the rest of the session it is shown
 * as unknown (with why) and can be checked or decided like any other.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { JournalEntry, JournalFilter, Outcome } from '../../shared/views'
import { AppError } from '../errors'
import { journalWriteError, unrecordedNote } from './failure'
import { maskRecord, maskText } from './mask'
import { ENTRY_COLUMNS, parseFilter, parseObject, toEntry, whereOf, type JournalEvent, type Row } from './rows'
import { JOURNAL_DDL, JOURNAL_SCHEMA_VERSION } from './schema'

export interface IntentInput {
  profileId: string
  profileName: string
  action: string
  resource: string
  /** Human key: username, MAC, code or id. */
  target: string
  params: Record<string, unknown>
  expectedCost: number
  balanceBefore: number | null
  bulkRunId?: string | null
  /** Private to reconciliation (pre-write expiry, ids, balances); masked like params. */
  context?: Record<string, unknown>
  /** Literal secrets (customer passwords) to scrub from any text stored with this entry. */
  secrets?: readonly string[]
}

export interface Completion {
  outcome: 'succeeded' | 'failed' | 'unknown'
  response?: Record<string, unknown> | null
  balanceAfter?: number | null
  errorCode?: string | null
  errorMessage?: string | null
  evidence?: string | null
  secrets?: readonly string[]
}

export interface JournalOptions {
  now?: () => number
  onChange?: (id: number) => void
}

export class Journal {
  readonly file: string
  /** How many pending intents open() found (a crash between send and answer) and marked unknown. */
  readonly recoveredPending: number
  private readonly db: Database.Database
  private readonly now: () => number
  private readonly onChange: (id: number) => void
  private readonly statements = new Map<string, Database.Statement>()
  /** Intents whose request may be on its way: pending on disk and rightly so. */
  private readonly sending = new Set<number>()
  /** Pending on disk only because their completion could not be written: what is known of each. */
  private readonly unrecorded = new Map<number, string>()

  constructor(file: string, opts: JournalOptions = {}) {
    this.file = file
    this.now = opts.now ?? Date.now
    this.onChange = opts.onChange ?? (() => {})
    mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    const version = this.db.pragma('user_version', { simple: true }) as number
    if (version > JOURNAL_SCHEMA_VERSION) {
      this.db.close()
      throw new AppError('CACHE_ERROR', `The audit journal ${file} was written by a newer version of the app; it was left untouched.`)
    }
    this.db.exec(JOURNAL_DDL)
    this.db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION}`)
    this.recoveredPending = this
      .stmt(
        `UPDATE entries SET outcome = 'unknown', finished_at = ?,
           evidence = 'The app stopped, or could not record the panel''s answer, before this was settled; the panel may or may not have applied it.'
         WHERE outcome = 'pending'`,
      )
      .run(this.now()).changes
  }

  /** The intent, durable before anything is sent; JOURNAL_UNWRITABLE (nothing may be sent) when the file refuses it. */
  recordIntent(input: IntentInput): number {
    const params = maskRecord(input.params) ?? {}
    const context = maskRecord(input.context ?? {}) ?? {}
    const info = this.write(() => this
      .stmt(
        `INSERT INTO entries (profile_id, profile_name, action, resource, target, params, expected_cost,
           balance_before, outcome, bulk_run_id, context, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(
        input.profileId,
        input.profileName,
        input.action,
        input.resource,
        maskText(input.target, input.secrets) ?? '',
        JSON.stringify(params),
        input.expectedCost,
        input.balanceBefore,
        input.bulkRunId ?? null,
        JSON.stringify(context),
        this.now(),
      ))
    const id = Number(info.lastInsertRowid)
    this.sending.add(id)
    this.onChange(id)
    return id
  }

  /** Settle a pending or unknown entry. A settled one is refused (by trigger as well as here). */
  complete(id: number, c: Completion): JournalEntry {
    const current = this.require(id)
    if (current.outcome !== 'pending' && current.outcome !== 'unknown') {
      throw new AppError('VALIDATION', `Journal entry ${id} is already settled (${current.outcome}); it cannot change.`)
    }
    // From here on nothing is on its way: if this update fails, the entry is one to check, not one to wait for.
    this.sending.delete(id)
    const response = c.response === undefined ? current.response : maskRecord(c.response)
    const note = maskText(c.evidence, c.secrets) ?? maskText(c.errorMessage, c.secrets) ?? null
    this.write(() => this
      .stmt(
        `UPDATE entries SET outcome = ?, response = ?, balance_after = COALESCE(?, balance_after),
           error_code = ?, error_message = ?, evidence = ?, finished_at = ?
         WHERE id = ? AND outcome IN ('pending','unknown')`,
      )
      .run(
        c.outcome,
        response === null ? null : JSON.stringify(response),
        c.balanceAfter ?? null,
        // Settling an unknown keeps why it was unknown (the lost answer) beside the evidence that settled it.
        c.errorCode ?? (current.outcome === 'unknown' ? current.errorCode : null),
        maskText(c.errorMessage, c.secrets) ?? (current.outcome === 'unknown' ? current.errorMessage : null),
        maskText(c.evidence, c.secrets) ?? null,
        this.now(),
        id,
      ), () => this.unrecorded.set(id, unrecordedNote(c.outcome, note)))
    this.unrecorded.delete(id)
    this.onChange(id)
    return this.require(id)
  }

  /**
   * The write path is done with this entry. Still pending means its completion never reached the
   * file (a local failure after sending): from now on it is an unknown to check, not one to wait for.
   */
  release(id: number): void {
    if (!this.sending.delete(id)) return
    const r = this.stmt(`SELECT outcome FROM entries WHERE id = ?`).get(id) as { outcome: Outcome } | undefined
    if (r?.outcome !== 'pending' || this.unrecorded.has(id)) return
    this.unrecorded.set(id, unrecordedNote('unknown', null))
    this.onChange(id)
  }

  /** The user settles an unknown entry from what they saw on the panel. */
  decide(id: number, outcome: 'succeeded' | 'failed', note: string): JournalEntry {
    const e = this.require(id)
    if (e.outcome === 'pending') throw new AppError('BUSY', 'This write is still waiting for the panel; decide once it has finished.')
    if (e.outcome !== 'unknown') throw new AppError('VALIDATION', `This entry is already settled as ${e.outcome}; it cannot change.`)
    const text = note.trim()
    return this.complete(id, { outcome, evidence: `Decided by the user${text ? ': ' + text : ''}` })
  }

  /** A reconciliation that could not decide: keep it unknown, record why. */
  noteCheck(id: number, evidence: string): JournalEntry {
    // An entry left pending by a failed write becomes a recorded unknown as soon as the file takes it.
    if (this.unrecorded.has(id)) return this.complete(id, { outcome: 'unknown', evidence })
    this.write(() => this.stmt(`UPDATE entries SET evidence = ? WHERE id = ? AND outcome = 'unknown'`).run(maskText(evidence), id))
    this.onChange(id)
    return this.require(id)
  }

  /** Fill the balance read after a settled write (allowed once by the triggers). */
  setBalanceAfter(id: number, balanceAfter: number): void {
    this.write(() => this.stmt(`UPDATE entries SET balance_after = ? WHERE id = ? AND balance_after IS NULL`).run(balanceAfter, id))
    this.onChange(id)
  }

  get(id: number): JournalEntry | null {
    const r = this.stmt(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id = ?`).get(id) as Row | undefined
    return r ? this.entry(r) : null
  }

  /** A row as the app knows it: a pending row nothing is waiting for is an unknown (its completion was not written). */
  private entry(r: Row): JournalEntry {
    const e = toEntry(r)
    if (e.outcome !== 'pending' || this.sending.has(e.id)) return e
    return {
      ...e,
      outcome: 'unknown',
      evidence: this.unrecorded.get(e.id) ?? 'The app could not record how this ended; the panel may or may not have applied it.',
    }
  }

  /** Run a statement that writes; a refusal by the file becomes JOURNAL_UNWRITABLE naming the reason. */
  private write<T>(run: () => T, onFail?: () => void): T {
    try {
      return run()
    } catch (e) {
      if (e instanceof AppError) throw e
      onFail?.()
      throw journalWriteError(this.file, e)
    }
  }

  require(id: number): JournalEntry {
    const e = this.get(id)
    if (!e) throw new AppError('NOT_FOUND_LOCAL', `There is no journal entry ${id}.`)
    return e
  }

  /** Reconciliation's private notes of an entry. */
  context(id: number): Record<string, unknown> {
    const r = this.stmt(`SELECT context FROM entries WHERE id = ?`).get(id) as { context: string } | undefined
    return parseObject(r?.context ?? null) ?? {}
  }

  query(filter: JournalFilter): { rows: JournalEntry[]; total: number } {
    const f = parseFilter(filter)
    const { sql, args } = whereOf(f, [...this.unrecorded.keys()])
    const w = sql.length ? `WHERE ${sql.join(' AND ')}` : ''
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM entries ${w}`).get(...args) as { n: number }).n
    const rows = this
      .stmt(`SELECT ${ENTRY_COLUMNS} FROM entries ${w} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...args, f.limit, f.offset) as Row[]
    return { rows: rows.map((r) => this.entry(r)), total }
  }

  /** Every entry matching a filter, oldest first (exports), read 1000 at a time. */
  *iterate(filter: JournalFilter): Generator<JournalEntry> {
    const { sql, args } = whereOf(parseFilter(filter), [...this.unrecorded.keys()])
    const stmt = this.stmt(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE ${['id > ?', ...sql].join(' AND ')} ORDER BY id LIMIT 1000`)
    let lastId = 0
    for (;;) {
      const rows = stmt.all(lastId, ...args) as Row[]
      for (const r of rows) yield this.entry(r)
      if (rows.length < 1000) return
      lastId = rows[rows.length - 1]!.id
    }
  }

  unknownIds(profileId?: string): number[] {
    const rows = (
      profileId
        ? this.stmt(`SELECT id FROM entries WHERE outcome = 'unknown' AND profile_id = ? ORDER BY id`).all(profileId)
        : this.stmt(`SELECT id FROM entries WHERE outcome = 'unknown' ORDER BY id`).all()
    ) as { id: number }[]
    const stuck = [...this.unrecorded.keys()].filter((id) => !profileId || this.get(id)?.profileId === profileId)
    return [...new Set([...rows.map((r) => r.id), ...stuck])].sort((a, b) => a - b)
  }

  byRun(runId: string): JournalEntry[] {
    return (this.stmt(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE bulk_run_id = ? ORDER BY id`).all(runId) as Row[]).map((r) => this.entry(r))
  }

  events(entryId: number): JournalEvent[] {
    const rows = this.stmt(`SELECT * FROM events WHERE entry_id = ? ORDER BY id`).all(entryId) as {
      id: number
      entry_id: number
      at: number
      from_outcome: Outcome | null
      to_outcome: Outcome
      detail: string | null
    }[]
    return rows.map((r) => ({
      id: r.id,
      entryId: r.entry_id,
      at: r.at,
      fromOutcome: r.from_outcome,
      toOutcome: r.to_outcome,
      detail: r.detail,
    }))
  }

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql)
    if (!st) {
      // Filter combinations make a bounded but open set of query shapes.
      if (this.statements.size > 200) this.statements.clear()
      st = this.db.prepare(sql)
      this.statements.set(sql, st)
    }
    return st
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

