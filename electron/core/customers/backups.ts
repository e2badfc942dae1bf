/**
 * Backups of what exists only here (backup-file.ts): export / import a file,
 * automatic daily copies in <data folder>/backups (the last N kept), and
 * restoring one.
 *
 * Restoring is never a blind merge. The user sees what a backup holds and
 * picks the parts; the customer book is REPLACED as a whole (the current one
 * is first saved as a backup of its own), built in a side file and switched
 * in by rename, so a failure halfway leaves the book as it was. Panels are
 * added only where missing (identity = host, port, access code), and the
 * book's panel ids are mapped to this computer's panels. The journal travels
 * in the file as a record but is not written back: the local journal is an
 * append-only audit (journal/schema.ts) and is never rewritten from outside.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupCounts, BackupParts, BackupSummary, RestoreResult } from '../../shared/business'
import { Settings } from '../../shared/views'
import { AppError } from '../errors'
import type { ProfileStore } from '../ports'
import type { CustomerBook } from './book'
import { BACKUP_FORMAT, BACKUP_VERSION, BOOK_TABLES, identityOf, PANEL_COLUMNS, parseBackup, type BackupDoc } from './backup-file'
import { openCustomerDb } from './customer-db'
import type { JournalReader } from './profit'

const AUTO_EVERY_MS = 20 * 3_600_000
const DEFAULT_KEEP = 14
const NAME = /^(auto|manual|before-restore)-\d{8}-\d{6}(-\d+)?\.json$/

export interface SettingsPort {
  get(): Settings
  set(patch: Partial<Settings>): Promise<Settings>
}

export interface BackupDeps {
  book: CustomerBook
  profiles: ProfileStore
  settings: SettingsPort | null
  journal: JournalReader
  dir: string
  appVersion: string
}

export class Backups {
  constructor(private readonly d: BackupDeps) {}

  get keep(): number {
    const n = Number(this.d.book.meta('backupKeep'))
    return Number.isInteger(n) && n >= 1 ? n : DEFAULT_KEEP
  }

  setKeep(n: number): void {
    this.d.book.setMeta('backupKeep', String(n))
    this.prune()
  }

  async build(): Promise<BackupDoc> {
    const db = this.d.book.db // throws while the book is damaged: a backup of nothing would look like a good one
    const book = Object.fromEntries(BOOK_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()])) as BackupDoc['book']
    const panels = this.d.profiles.list()
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: this.d.book.now(),
      appVersion: this.d.appVersion,
      panels: { exportJson: this.d.profiles.exportJson(), ids: panels.map((p) => ({ id: p.id, name: p.name, host: p.host, port: p.port, accessCode: p.accessCode })) },
      settings: (this.d.settings?.get() ?? {}) as Record<string, unknown>,
      book,
      journal: (await this.d.journal(0, this.d.book.now() + 1)) as unknown as Record<string, unknown>[],
    }
  }

  async exportFile(): Promise<{ filename: string; json: string }> {
    const doc = await this.build()
    return { filename: `xm-backup-${stamp(doc.createdAt)}.json`, json: JSON.stringify(doc) }
  }

  /** Writes a backup into the data folder now. */
  async create(kind: 'auto' | 'manual' | 'before-restore'): Promise<BackupSummary> {
    const doc = await this.build()
    mkdirSync(this.d.dir, { recursive: true })
    let name = `${kind}-${stamp(doc.createdAt)}.json`
    for (let i = 2; existsSync(join(this.d.dir, name)); i++) name = `${kind}-${stamp(doc.createdAt)}-${i}.json`
    const file = join(this.d.dir, name)
    // Written aside then renamed: a crash never leaves a half backup under a good name.
    writeFileSync(`${file}.tmp`, JSON.stringify(doc), { mode: 0o600 })
    renameSync(`${file}.tmp`, file)
    this.prune()
    return this.summary(doc, name, statSync(file).size)
  }

  /** The daily automatic backup, when the last one is older than a day (called at start and every few hours). */
  async autoIfDue(): Promise<BackupSummary | null> {
    if (this.d.book.problem) return null
    const last = this.names().find((n) => n.startsWith('auto-'))
    if (last && this.d.book.now() - statSync(join(this.d.dir, last)).mtimeMs < AUTO_EVERY_MS) return null
    return this.create('auto')
  }

  list(): BackupSummary[] {
    const out: BackupSummary[] = []
    for (const name of this.names()) {
      try {
        const file = join(this.d.dir, name)
        out.push(this.summary(parseBackup(readFileSync(file, 'utf8')), name, statSync(file).size))
      } catch {
        // A damaged backup file is skipped from the list, never deleted.
      }
    }
    return out
  }

  read(source: { name?: string | undefined; json?: string | undefined }): BackupDoc {
    if (source.json !== undefined) return parseBackup(source.json)
    if (!source.name || !NAME.test(source.name)) throw new AppError('VALIDATION', 'Pick a backup from the list.')
    const file = join(this.d.dir, source.name)
    if (!existsSync(file)) throw new AppError('NOT_FOUND_LOCAL', `The backup ${source.name} is no longer in the backups folder.`)
    return parseBackup(readFileSync(file, 'utf8'))
  }

  summary(doc: BackupDoc, name: string | null, bytes: number | null): BackupSummary {
    const here = new Set(this.d.profiles.list().map(identityOf))
    return {
      name,
      createdAt: doc.createdAt,
      appVersion: doc.appVersion,
      panelNames: doc.panels.ids.map((p) => p.name),
      counts: countsOf(doc),
      newPanels: doc.panels.ids.filter((p) => !here.has(identityOf(p))).map((p) => p.name),
      bytes,
    }
  }

  async restore(doc: BackupDoc, parts: BackupParts): Promise<RestoreResult> {
    const notes: string[] = []
    let panelsAdded = 0
    if (parts.panels) {
      panelsAdded = (await this.d.profiles.importJson(doc.panels.exportJson)).added
      if (panelsAdded > 0) notes.push(`${panelsAdded} panels added. Backups never hold API keys: enter each panel's key again.`)
    }
    let savedAs: string | null = null
    if (parts.book) {
      if (!this.d.book.problem) savedAs = (await this.create('before-restore')).name
      this.replaceBook(doc, this.panelMap(doc, notes))
    }
    let settingsRestored = false
    if (parts.settings && this.d.settings) {
      const s = Settings.partial().safeParse(doc.settings)
      if (s.success) {
        await this.d.settings.set(s.data)
        settingsRestored = true
      } else notes.push('The settings in the backup were not valid for this version and were left as they are.')
    }
    if (doc.journal.length > 0) notes.push(`The backup's journal (${doc.journal.length} entries) is kept in the file as a record; this computer's own journal is never rewritten.`)
    return { panelsAdded, bookRestored: parts.book, savedAs, settingsRestored, counts: countsOf(doc), notes }
  }

  /** The backup's panel ids → this computer's, by host, port and access code. */
  private panelMap(doc: BackupDoc, notes: string[]): Map<string, string> {
    const local = new Map(this.d.profiles.list().map((p) => [identityOf(p), p.id]))
    const map = new Map<string, string>()
    const missing: string[] = []
    for (const p of doc.panels.ids) {
      const id = local.get(identityOf(p))
      if (id) map.set(p.id, id)
      else missing.push(p.name)
    }
    if (missing.length) notes.push(`Subscriptions on panels not set up here (${missing.join(', ')}) show as "not synced" until those panels are added.`)
    return map
  }

  /** Builds the new book beside the old one, checks it, then switches it in. */
  private replaceBook(doc: BackupDoc, panelIds: Map<string, string>): void {
    const file = this.d.book.file
    const side = `${file}.restoring`
    for (const f of [side, `${side}-wal`, `${side}-shm`]) rmSync(f, { force: true })
    const opened = openCustomerDb(side)
    if (!opened.db) throw new AppError('CACHE_ERROR', opened.problem ?? 'A new customer book could not be created.')
    const db = opened.db
    try {
      try {
        db.transaction(() => {
          for (const table of BOOK_TABLES) insertRows(db, table, doc.book[table], panelIds)
        })()
      } catch (e) {
        // Foreign keys are on: a link or send naming a customer the file lacks stops here.
        throw new AppError('VALIDATION', `The backup's customer book is inconsistent (${e instanceof Error ? e.message : String(e)}); nothing was restored.`)
      }
      db.pragma('wal_checkpoint(TRUNCATE)')
    } catch (e) {
      db.close()
      rmSync(side, { force: true })
      throw e
    }
    db.close()
    this.d.book.close()
    if (existsSync(file)) renameSync(file, `${file}.replaced-${this.d.book.now()}`)
    for (const f of [`${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
    renameSync(side, file)
    for (const f of [`${side}-wal`, `${side}-shm`]) rmSync(f, { force: true })
    this.d.book.open()
  }

  private names(): string[] {
    if (!existsSync(this.d.dir)) return []
    return readdirSync(this.d.dir)
      .filter((n) => NAME.test(n))
      .sort((a, b) => statSync(join(this.d.dir, b)).mtimeMs - statSync(join(this.d.dir, a)).mtimeMs || b.localeCompare(a))
  }

  /** Keeps the newest N automatic backups; manual and before-restore ones are the user's to delete. */
  private prune(): void {
    for (const name of this.names().filter((n) => n.startsWith('auto-')).slice(this.keep)) rmSync(join(this.d.dir, name), { force: true })
  }
}

function insertRows(db: Database.Database, table: string, rows: Record<string, string | number | null>[], panelIds: Map<string, string>): void {
  if (rows.length === 0) return
  const known = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name))
  const panelColumn = PANEL_COLUMNS[table as keyof typeof PANEL_COLUMNS]
  const statements = new Map<string, Database.Statement>()
  for (const r of rows) {
    const cols = Object.keys(r).filter((c) => known.has(c))
    const key = cols.join(',')
    let st = statements.get(key)
    if (!st) statements.set(key, (st = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`)))
    const values = Object.fromEntries(cols.map((c) => [c, r[c]]))
    if (panelColumn && typeof values[panelColumn] === 'string') values[panelColumn] = panelIds.get(values[panelColumn] as string) ?? values[panelColumn]!
    st.run(values)
  }
}

function countsOf(doc: BackupDoc): BackupCounts {
  return {
    panels: doc.panels.ids.length,
    customers: doc.book.customers.length,
    links: doc.book.links.length,
    sends: doc.book.sends.length,
    templates: doc.book.templates.length,
    prices: doc.book.prices.length,
    payments: doc.book.payments.length,
    journal: doc.journal.length,
  }
}

function stamp(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}
