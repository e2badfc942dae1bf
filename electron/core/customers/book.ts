/**
 * The customer book's file handle. Every service of the book (customers,
 * links, reminders, templates, prices, payments) asks it for the database;
 * while the file is damaged that request fails with a sentence saying so, and
 * nothing is written. Restoring a backup swaps the file and reopens it here.
 */
import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import type { Clock } from '../ports'
import { openCustomerDb } from './customer-db'

export class CustomerBook {
  #db: Database.Database | null = null
  #problem: string | null = null
  readonly #statements = new Map<string, Database.Statement>()
  /** Bumped on every change, so in-memory indexes know to rebuild. */
  version = 0
  /** Bumped on every (re)open: a restored file's counters say nothing about what is held in memory. */
  opens = 0

  constructor(
    readonly file: string,
    readonly now: Clock,
  ) {
    this.open()
  }

  /** Why the book is unusable, or null. */
  get problem(): string | null {
    return this.#problem
  }

  get db(): Database.Database {
    if (!this.#db) throw new AppError('CACHE_ERROR', this.#problem ?? 'The customer book is closed.')
    return this.#db
  }

  /** A prepared statement, cached per SQL text. */
  stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.#statements.set(sql, s)
    }
    return s
  }

  /** Runs fn in one transaction and marks the book changed. */
  write<T>(fn: () => T): T {
    const r = this.db.transaction(fn)()
    this.version++
    return r
  }

  meta(key: string): string | null {
    const r = this.stmt(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined
    return r?.value ?? null
  }

  setMeta(key: string, value: string): void {
    this.write(() => this.stmt(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value))
  }

  /** (Re)opens the file: at start and after a restore replaced it. */
  open(): void {
    this.close()
    const r = openCustomerDb(this.file)
    this.#db = r.db
    this.#problem = r.problem
    this.version++
    this.opens++
  }

  /** Moves only when links or customers' names change (triggers in customer-db.ts), with the file it counts in. */
  ownersVersion(): string {
    return `${this.opens}:${this.meta('ownersVersion') ?? ''}`
  }

  close(): void {
    this.#statements.clear()
    if (this.#db?.open) this.#db.close()
    this.#db = null
  }
}
