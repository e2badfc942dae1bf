/**
 * A panel's new set of one resource, written page by page as a sync receives
 * it, then switched in with one short transaction.
 *
 * Why: building the whole set in memory and writing 100k rows in one go at the
 * end made the write (~1.5 s) a pure cost after the last page. Staged pages are
 * written while the panel prepares the next one, and the switch only moves the
 * narrow rows (measured in test/bench/sync.ts).
 *
 * An unchanged row (same columns, data and raw as cached) is not rewritten: its live rid
 * is staged (nothing else of it), and the switch leaves it in place.
 *
 * How it stays invisible: every reader starts from the narrow table (`lines`),
 * joining `_data` and `_fts` by rid. A staged row goes to a TEMP table of this
 * pass; each page's `_data` records and search entries are then copied into
 * `_data` / `_fts` (one INSERT … SELECT each) under fresh rids that no narrow
 * row has, and the page's answer into `raw_pages` (raw-pages.ts). Until
 * commit() no reader can reach them; the previous set stays exactly as it was.
 *
 * - commit(): ONE transaction drops the panel's old rows (narrow, data, search)
 *   and copies the staged narrow rows in (INSERT … SELECT, inside SQLite);
 * - discard(): drops the staged rows (failure, cancel, panel removed);
 * - a crash: the rid ranges of each staged page sit in `sync_staging` until the
 *   switch; sweepStaging() drops them on the next open.
 *
 * Fresh rids come from `max(_data.rid) + 1`, so they never meet a live row's;
 * upserts allocate the same way, also above every open pass's staged rids
 * (row-writes.ts), so a row created during a pass never shares a rid with it.
 */
import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import { FTS_COLUMNS, indexRowsSql } from './fts'
import type { ResourceSpec } from './resources'
import type { PanelAnswer } from '../ports'
import { dropPages, dropUnreferencedPages, fillPage, packAnswer, reservePage } from './raw-pages'
import { encodeRow, idOf, narrowColumns, type EncodedRow, type SqlValue } from './row-codec'
import { deleteRows, type Prepare } from './row-writes'
import { isTallied, recountSql, withTallyPaused } from './tally'

let passes = 0

/** The narrow columns a pass stages: all but the panel key (see the constructor). */
const stageColumns = (spec: ResourceSpec): string[] => narrowColumns(spec).slice(1)

export class StagedSet {
  /** Staged rid of each id seen so far: a panel listing a row twice keeps the last copy. */
  private readonly ridOf = new Map<number, number>()
  /** Staged rids that are live rows kept unchanged (their data and search entry are not this pass's). */
  private readonly kept = new Set<number>()
  /** The lowest rid this pass wrote; null while none. */
  private firstFresh: number | null = null
  /** A first sync of this panel has nothing to keep: no lookups. */
  private readonly hadRows: boolean
  /** Raw pages this pass stored (raw-pages.ts); a discard drops them. */
  private readonly pages: number[] = []
  /** A row this pass wrote was replaced by a later copy: its page may have no row left. */
  private replacedOwnRow = false
  /** Answers being compressed, and compressed ones not written yet (raw-pages.ts). */
  private readonly packing = new Set<Promise<void>>()
  private packed: { page: number; body: Uint8Array }[] = []
  /** The last answer stored and its page: the parts of one page store it once (add). */
  private answerPage: { bytes: Uint8Array; page: number } | null = null
  private readonly stage: string
  private readonly pass: string
  private state: 'open' | 'committed' | 'discarded' = 'open'
  /** First sync only (publish()): staged rids up to this one are live rows already. */
  private publishedUpTo = 0
  /** Staged rows at or below that mark (a first sync stages no kept rows: the rest of `ridOf` waits). */
  private shownRows = 0
  /** publish()'s statements, prepared on the first slice (a re-sync never needs them). */
  private slice: { end: Database.Statement; show: Database.Statement; count: Database.Statement | null } | null = null
  /** A row of this panel was written (created, edited, removed) outside the pass while it ran. */
  private touched = false
  private readonly insertKept: Database.Statement
  private readonly insertWithPage: Database.Statement
  private readonly insertWithRaw: Database.Statement
  private readonly copyData: Database.Statement
  private readonly indexStaged: Database.Statement
  private readonly unstageRow: Database.Statement

  constructor(
    private readonly db: Database.Database,
    private readonly prepare: Prepare,
    private readonly spec: ResourceSpec,
    /** The panel's short key (panel-keys.ts). */
    readonly panelKey: string,
  ) {
    passes++
    this.stage = `temp.xm_stage_${passes}`
    this.pass = `${process.pid}.${Date.now()}.${passes}`
    this.hadRows = (db.prepare(`SELECT EXISTS (SELECT 1 FROM ${spec.table} WHERE panel_key = ?) AS n`).get(panelKey) as { n: number }).n === 1
    // The narrow columns but the panel key (the same for every row: bound once, at the switch),
    // then a fresh row's `_data` record: one INSERT … SELECT a page copies those into
    // `<table>_data` inside SQLite, cheaper than a second statement run per row from JS.
    const cols = stageColumns(spec)
    db.exec(`CREATE TABLE ${this.stage} (rid INTEGER PRIMARY KEY, ${cols.join(', ')}, x_data, x_raw, x_raw_at)`)
    // This pass's own statements: its table dies with it, so they stay out of the shared statement cache.
    const insert = (extra: string[]) =>
      db.prepare(`INSERT INTO ${this.stage} (rid, ${[...cols, ...extra].join(', ')}) VALUES (?${', ?'.repeat(cols.length + extra.length)})`)
    // A kept row stays as it is in the live table: the switch only asks which rids the pass
    // holds, so its staged copy is the rid alone (binding its columns cost ~0.2 s per 50k).
    this.insertKept = db.prepare(`INSERT INTO ${this.stage} (rid) VALUES (?)`)
    this.insertWithPage = insert(['x_data', 'x_raw_at'])
    this.insertWithRaw = insert(['x_data', 'x_raw'])
    this.copyData = db.prepare(
      `INSERT INTO ${spec.table}_data (rid, data, raw, raw_page, raw_at) SELECT rid, x_data, x_raw, ?, x_raw_at FROM ${this.stage} WHERE rid BETWEEN ? AND ?`,
    )
    this.indexStaged = db.prepare(indexRowsSql(spec.table, 'rid BETWEEN ? AND ?', this.stage))
    this.unstageRow = db.prepare(`DELETE FROM ${this.stage} WHERE rid = ?`)
  }

  get table(): string {
    return this.spec.table
  }

  /** The highest rid this pass holds (kept or fresh), 0 when none. */
  maxRid(): number {
    if (this.state !== 'open') return 0
    return (this.db.prepare(`SELECT coalesce(max(rid), 0) AS n FROM ${this.stage}`).get() as { n: number }).n
  }

  /** Distinct rows staged so far. */
  get size(): number {
    return this.ridOf.size
  }

  /**
   * Stage one page; call inside a transaction. A row without a usable id refuses the whole page.
   * `raw`: the panel's row for each row, or the page's whole answer (stored once, raw-pages.ts).
   * `part`: stage only rows [from, to) of the page (the whole page is still checked, and its
   * answer stored once for all its parts), so a page can be staged a few transactions at a time.
   */
  add(rows: unknown[], raw: unknown[] | PanelAnswer | null = null, part: { from: number; to: number } = { from: 0, to: rows.length }): void {
    this.assertOpen()
    const answer = raw !== null && !Array.isArray(raw) ? raw : null
    const rawRows = Array.isArray(raw) ? raw : null
    if (rawRows !== null && rawRows.length !== rows.length) {
      throw new AppError('VALIDATION', `Raw rows (${rawRows.length}) do not line up with ${this.spec.label.toLowerCase()} rows (${rows.length}).`)
    }
    if (answer?.rawAt && answer.rawAt.length !== rows.length) {
      throw new AppError('VALIDATION', `Row places (${answer.rawAt.length}) do not line up with ${this.spec.label.toLowerCase()} rows (${rows.length}).`)
    }
    for (const r of rows) idOf(this.spec, r)
    const from = Math.max(0, part.from)
    const to = Math.min(rows.length, part.to)
    if (to <= from) return
    const t = this.spec.table
    // Stored on first need: a re-sync that keeps every row of the page has no use for it. The
    // page's other parts find it again by the answer's bytes.
    let page: number | null = answer !== null && this.answerPage?.bytes === answer.answer ? this.answerPage.page : null
    const ensurePage = (answer: PanelAnswer): void => {
      if (page !== null) return
      this.pack((page = reservePage(this.prepare, t)), answer.answer)
      this.answerPage = { bytes: answer.answer, page }
    }
    this.writePacked()
    const cols = stageColumns(this.spec)
    // As an array: the rid, the stage's narrow columns in encodeRow's order, then data, raw and raw_page.
    const live = this.prepare(`SELECT t.rid, ${cols.map((c) => `t.${c}`).join(', ')}, d.data, d.raw, d.raw_page FROM ${t} t JOIN ${t}_data d ON d.rid = t.rid
      WHERE t.panel_key = ? AND t.id = ?`).raw(true)
    const lo = this.nextRid()
    let rid = lo
    for (let i = from; i < to; i++) {
      const e = encodeRow(this.spec, null, rows[i], rawRows?.[i])
      const earlier = this.ridOf.get(e.id)
      if (earlier !== undefined) this.unstage(earlier, earlier < lo)
      // A re-sync mostly sees rows it already has: an unchanged row keeps its live rid, data
      // and search entry, and only its narrow row is staged (the switch then leaves it be).
      const cached = this.hadRows ? (live.get(this.panelKey, e.id) as SqlValue[] | undefined) : undefined
      // An unchanged row keeps its raw copy too, unless it has none and this page brings one.
      if (cached && unchanged(cached, e) && (answer === null || cached[e.columns.length + 3] !== null)) {
        const keptRid = cached[0] as number
        this.insertKept.run(keptRid)
        this.ridOf.set(e.id, keptRid)
        this.kept.add(keptRid)
        continue
      }
      if (answer) {
        ensurePage(answer)
        this.insertWithPage.run(rid, ...e.columns, e.data, answer.rawAt?.[i] ?? i)
      } else this.insertWithRaw.run(rid, ...e.columns, e.data, e.raw)
      this.ridOf.set(e.id, rid)
      this.firstFresh = Math.min(this.firstFresh ?? rid, rid)
      rid++
    }
    if (rid === lo) return
    this.copyData.run(page, lo, rid - 1)
    // One INSERT … SELECT per page, in ascending rid order (cheap appends for FTS5, fts.ts).
    this.indexStaged.run(lo, rid - 1)
    this.prepare('INSERT INTO sync_staging (pass, tbl, lo, hi) VALUES (?, ?, ?, ?)').run(this.pass, t, lo, rid - 1)
  }

  /**
   * A first sync only (the panel had no rows: nothing to protect): make the rows staged so
   * far readable now, so a never-synced panel shows rows while the rest arrives (issue #14).
   * commit() then treats them as kept rows; discard() leaves them (there was nothing before).
   * `most`: show at most that many rows (the oldest staged first), so a caller can show a page
   * in slices with the event loop free between them (sync/pass-writer.ts). Returns how
   * many staged rows are still not shown. Call inside a transaction.
   */
  publish(most = Infinity): number {
    this.assertOpen()
    if (this.hadRows) throw new AppError('INTERNAL', 'Only a first sync shows rows before it is complete.')
    this.writePacked()
    return this.showUnpublished(most)
  }

  /** Up to `most` staged rows above the published mark become live rows; returns how many still wait. */
  private showUnpublished(most = Infinity): number {
    const top = this.maxRid()
    if (top <= this.publishedUpTo) return 0
    const staged = stageColumns(this.spec)
    this.slice ??= {
      end: this.db.prepare(`SELECT rid FROM ${this.stage} WHERE rid > ? ORDER BY rid LIMIT 1 OFFSET ?`),
      show: this.db.prepare(
        `INSERT INTO ${this.spec.table} (rid, panel_key, ${staged.join(', ')}) SELECT rid, ?, ${staged.join(', ')} FROM ${this.stage} WHERE rid > ? AND rid <= ? ORDER BY rid`,
      ),
      // Only a tallied table has counts to keep.
      count: isTallied(this.spec.table) ? this.db.prepare(recountSql(this.spec.table, 'r.rid > ? AND r.rid <= ?', this.stage, '?')) : null,
    }
    // The rid of the `most`-th row above the mark: rids have gaps (a row listed again left its old one).
    const upTo = most >= this.ridOf.size - this.shownRows ? top : ((this.slice.end.get(this.publishedUpTo, Math.max(0, most - 1)) as { rid: number } | undefined)?.rid ?? top)
    // The tally counts the slice with one GROUP BY over the staged rows it copied (tally.ts): not
    // over a rid range of the narrow table, which may hold a row created meanwhile (counted already).
    const { show, count } = this.slice
    const from = this.publishedUpTo
    this.shownRows += withTallyPaused(this.db, this.spec.table, () => show.run(this.panelKey, from, upTo).changes, () => count?.run(this.panelKey, from, upTo))
    this.publishedUpTo = upTo
    return upTo === top ? 0 : this.ridOf.size - this.shownRows
  }

  /** The cache wrote one of this panel's rows outside the pass (an edit, a create, a removal). */
  noteWrite(): void {
    this.touched = true
  }

  /**
   * The switch only has to show the rows not published yet: a first sync (nothing to drop)
   * that published its pages, with no write to the panel meanwhile (a row created during the
   * pass would have to go). Then commit() shows those few rows as a last slice, counted
   * with them (tally.ts), and needs no recount of the panel (sqlite-cache.ts): measured on 100k
   * lines into 1M, the full switch took ~0.5 s, this ~ms (test/bench/cache-1m.ts).
   */
  get switchesInPlace(): boolean {
    return this.state === 'open' && !this.hadRows && this.publishedUpTo > 0 && !this.touched
  }

  /** Resolves once every answer given so far is compressed: await it before commit(). */
  async settled(): Promise<void> {
    while (this.packing.size > 0) await Promise.all(this.packing)
  }

  /**
   * Switch the staged set in; call inside a transaction (with the sync meta update). Returns
   * whether any of the panel's live rows changed: a re-sync that kept every row writes none,
   * and its caller then has nothing to recount (sqlite-cache.ts).
   */
  commit(): boolean {
    this.assertOpen()
    this.writePacked()
    const t = this.spec.table
    const staged = stageColumns(this.spec)
    const into = `INSERT INTO ${t} (rid, panel_key, ${staged.join(', ')})`
    const from = `SELECT rid, @key, ${staged.join(', ')} FROM ${this.stage}`
    let changed = true
    if (this.switchesInPlace) {
      this.showUnpublished()
    } else if (this.kept.size === 0 && this.publishedUpTo === 0) {
      deleteRows(this.prepare, this.spec, 'panel_key = ?', [this.panelKey])
      this.db.prepare(`${into} ${from} ORDER BY rid`).run({ key: this.panelKey })
    } else {
      changed = this.dropUnkept()
      // Staged rows not live yet (new or changed; all at or above the first fresh rid). A kept row
      // removed by a write during the pass has no data any more and stays removed.
      if (this.firstFresh !== null) {
        const shown = this.db
          .prepare(
            `${into} ${from}
             WHERE rid >= @first AND rid NOT IN (SELECT rid FROM ${t}) AND rid IN (SELECT rid FROM ${t}_data) ORDER BY rid`,
          )
          .run({ key: this.panelKey, first: this.firstFresh })
        changed ||= shown.changes > 0
      }
    }
    // Rows replaced or removed may have been the last ones pointing at an older raw page.
    if (this.hadRows || this.replacedOwnRow) dropUnreferencedPages(this.prepare, t)
    this.prepare('DELETE FROM sync_staging WHERE pass = ?').run(this.pass)
    this.db.exec(`DROP TABLE ${this.stage}`)
    this.state = 'committed'
    return changed
  }

  /**
   * Live rows of the panel the pass did not keep (gone from the panel, or changed and
   * restaged under a new rid). A re-sync that changed nothing finds none with one count.
   * Returns whether it dropped any.
   */
  private dropUnkept(): boolean {
    const t = this.spec.table
    const count = (sql: string) => (this.db.prepare(sql).get(this.panelKey) as { n: number }).n
    const live = count(`SELECT count(*) AS n FROM ${t} WHERE panel_key = ?`)
    const carried = count(`SELECT count(*) AS n FROM ${t} WHERE panel_key = ? AND rid IN (SELECT rid FROM ${this.stage})`)
    if (carried === live) return false
    deleteRows(this.prepare, this.spec, `panel_key = ? AND rid NOT IN (SELECT rid FROM ${this.stage})`, [this.panelKey])
    return true
  }

  /** Drop the staged rows; the cached set is untouched. Safe to call twice or after commit. */
  discard(): void {
    if (this.state !== 'open') return
    this.state = 'discarded'
    const t = this.spec.table
    this.db.transaction(() => {
      // Kept rows are live rows: only what this pass wrote goes.
      const own = `SELECT rid FROM ${this.stage} WHERE rid NOT IN (SELECT rid FROM ${t})`
      this.db.prepare(`DELETE FROM ${t}_fts WHERE rowid IN (${own})`).run()
      this.db.prepare(`DELETE FROM ${t}_data WHERE rid IN (${own})`).run()
      if (this.publishedUpTo === 0) dropPages(this.prepare, this.pages)
      else {
        // Published rows stay, and so do the pages holding their raw copies.
        this.writePacked()
        dropUnreferencedPages(this.prepare, t)
      }
      this.prepare('DELETE FROM sync_staging WHERE pass = ?').run(this.pass)
      this.db.exec(`DROP TABLE ${this.stage}`)
    })()
  }

  private pack(page: number, answer: Uint8Array): void {
    this.pages.push(page)
    const done: Promise<void> = packAnswer(answer).then(
      (body) => void this.packed.push({ page, body }),
      // The page keeps its empty body: its rows read as having no raw copy, nothing worse.
      () => undefined,
    )
    this.packing.add(done)
    void done.finally(() => this.packing.delete(done))
  }

  /** Bodies compressed since the last call go in with this transaction (no write of their own). */
  private writePacked(): void {
    for (const { page, body } of this.packed) fillPage(this.prepare, page, body)
    this.packed = []
  }

  private unstage(rid: number, indexed: boolean): void {
    const t = this.spec.table
    if (this.kept.delete(rid)) {
      this.unstageRow.run(rid)
      return
    }
    if (rid <= this.publishedUpTo) {
      this.prepare(`DELETE FROM ${t} WHERE rid = ?`).run(rid)
      this.shownRows--
    }
    if (indexed) this.prepare(`DELETE FROM ${t}_fts WHERE rowid = ?`).run(rid)
    this.prepare(`DELETE FROM ${t}_data WHERE rid = ?`).run(rid)
    this.unstageRow.run(rid)
    this.replacedOwnRow = true
  }

  /** Above every data row and every staged one (a kept row removed meanwhile frees its rid, still staged here). */
  private nextRid(): number {
    const sql = `SELECT max(coalesce((SELECT max(rid) FROM ${this.spec.table}_data), 0), coalesce((SELECT max(rid) FROM ${this.stage}), 0)) + 1 AS n`
    return (this.db.prepare(sql).get() as { n: number }).n
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new AppError('INTERNAL', `This ${this.spec.label.toLowerCase()} sync was already ${this.state}.`)
  }
}

/**
 * A live row (as `[rid, ...narrow columns, data, raw]`) equal to the encoded one. The
 * columns count: `data` holds only what they cannot (row-codec.ts), and a kept row's
 * search entry is not rewritten. Compared in JS, exactly: the text columns are NOCASE
 * in SQL, and a username whose case changed is a change.
 */
function unchanged(live: SqlValue[], e: EncodedRow): boolean {
  const n = e.columns.length
  if (live[n + 1] !== e.data || live[n + 2] !== e.raw) return false
  for (let i = 0; i < n; i++) if (live[i + 1] !== e.columns[i]) return false
  return true
}

/**
 * Drop what passes cut short by a crash left behind: rows in their noted rid
 * ranges that never became visible. Runs on open, before anyone else uses the file.
 */
export function sweepStaging(db: Database.Database): void {
  const ranges = db.prepare('SELECT tbl, lo, hi FROM sync_staging').all() as { tbl: string; lo: number; hi: number }[]
  if (ranges.length === 0) return
  db.transaction(() => {
    for (const { tbl, lo, hi } of ranges) {
      // Only names we own: the marker table is ours, but a file is still input.
      if (!(tbl in FTS_COLUMNS)) continue
      const orphans = `SELECT rid FROM ${tbl}_data WHERE rid BETWEEN ? AND ? AND rid NOT IN (SELECT rid FROM ${tbl})`
      db.prepare(`DELETE FROM ${tbl}_fts WHERE rowid IN (${orphans})`).run(lo, hi)
      db.prepare(`DELETE FROM ${tbl}_data WHERE rid IN (${orphans})`).run(lo, hi)
    }
    for (const tbl of new Set(ranges.map((r) => r.tbl))) if (tbl in FTS_COLUMNS) dropUnreferencedPages((sql) => db.prepare(sql), tbl)
    db.exec('DELETE FROM sync_staging')
  })()
}
