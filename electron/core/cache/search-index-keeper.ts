/**
 * Fills a table's in-memory search index (search-index.ts) and keeps it in step with the
 * table, whatever writes to it.
 *
 * Every write path (an upsert, a removal, a sync's pages published, its switch, a panel
 * removed) ends in the narrow table, so TEMP triggers on it name each row that changed to
 * this connection (a function call per row, no SQL of its own); the next answer reads those
 * rows back first. Nothing the triggers see can be missed, and a write rolled back is read
 * back as it is. The triggers are connection-local, like the tally's (tally.ts): the file
 * holds nothing another program could trip on.
 *
 * The first fill reads the table a slice at a time with the event loop free between slices
 * (~2 s for 1M lines, test/bench/cache-1m.ts), and many changed rows (a re-sync's switch)
 * are read back the same way; meanwhile the keeper answers null and the SQL ways answer
 * (query-walk.ts, query-sql.ts), which give the same rows.
 */
import type Database from 'better-sqlite3'
import { orderColumns } from './migrations'
import { SearchIndex, type IndexAnswer, type IndexedRow, type IndexQuery } from './search-index'
import { backgroundTurn } from '../background-turns'

/**
 * Rows a table must hold before a search builds its index. At 100k lines a common word (an
 * owner's name, 25k matches) through the full-text index cost ~35–45 ms at p95 (test/bench/cache-query.ts),
 * ~25 ms before the search text was tested on each match; from the index a few ms, for
 * ~25 MB and ~1 s of filling in the background. Below 50k the full-text way stays under ~20 ms.
 */
export const INDEX_FROM_ROWS = 50_000
/** Rows read between two turns of the event loop while filling (~10 ms on this machine). */
const SLICE = 4096
/**
 * Changed rows read back between two turns once filled: fewer, as a list's reads wait for each
 * slice (~6 ms for 1k; with 4k, reads during a sync waited up to ~25 ms for one).
 */
const BACK_SLICE = 1024

/** The keepers of each connection, by table: the triggers' function finds them here. */
const keepersOf = new WeakMap<Database.Database, Map<string, SearchIndexKeeper>>()
const TOUCH = 'xm_index_touch'

export class SearchIndexKeeper {
  private readonly index: SearchIndex
  /** Rows changed since they were last read (rids). */
  private readonly dirty = new Set<number>()
  private state: 'building' | 'ready' | 'stopped' = 'building'
  private catchingUp: Promise<void> | null = null
  /** The highest rid the fill has read (Infinity once it read the table's end). */
  private filledTo = 0
  private readonly columns: string
  /** Settles when the first fill is done (true) or stopped (false). */
  readonly ready: Promise<boolean>

  /** `rows`: about how many rows the table holds (room is made for a quarter more). */
  constructor(
    private readonly db: Database.Database,
    readonly table: string,
    rows = 0,
  ) {
    const order = orderColumns(table)
    this.index = new SearchIndex(order)
    this.index.reserve(Math.ceil(rows * 1.25))
    this.columns = ['rid', 'panel_key', 'id', 'admin_enabled', 'enabled', 'is_trial', 'search_text', ...order].join(', ')
    this.install()
    this.ready = this.fill()
  }

  /** The search's answer, or null while the index is being filled or catching up. */
  answer(q: IndexQuery): IndexAnswer | null {
    // Rows read inside a transaction could still be rolled back.
    if (this.state !== 'ready' || this.db.inTransaction) return null
    if (this.dirty.size > SLICE) {
      void this.catchUp()
      return null
    }
    if (!this.readBack(this.dirty.size)) return null
    return this.index.usable ? this.index.answer(q) : null
  }

  /**
   * Resolves once the index can answer (true): filled, and no more rows to read back than an
   * answer reads itself. False when it stopped first.
   */
  async current(): Promise<boolean> {
    if (!(await this.ready)) return false
    while (this.dirty.size > SLICE && this.usable()) await this.catchUp()
    return this.usable()
  }

  /** Changed rows not read back yet (for tests and diagnostics). */
  get pending(): number {
    return this.dirty.size
  }

  /** Rows held (for tests and diagnostics). */
  get rows(): number {
    return this.index.rows
  }

  stop(): void {
    if (this.state === 'stopped') return
    this.state = 'stopped'
    keepersOf.get(this.db)?.delete(this.table)
    if (!this.db.open) return
    const t = this.table
    try {
      this.db.exec(`DROP TRIGGER IF EXISTS temp.${t}_index_ins; DROP TRIGGER IF EXISTS temp.${t}_index_del; DROP TRIGGER IF EXISTS temp.${t}_index_upd;`)
    } catch {
      // A broken file: triggers left behind call a function that no longer finds this keeper.
    }
  }

  private install(): void {
    let keepers = keepersOf.get(this.db)
    if (!keepers) {
      const mine = (keepers = new Map())
      keepersOf.set(this.db, keepers)
      this.db.function(TOUCH, { varargs: false }, (table: unknown, rid: unknown) => {
        if (typeof rid === 'number') mine.get(table as string)?.touch(rid)
        return null
      })
    }
    keepers.set(this.table, this)
    const t = this.table
    this.db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS ${t}_index_ins AFTER INSERT ON main.${t} BEGIN SELECT ${TOUCH}('${t}', new.rid); END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${t}_index_del AFTER DELETE ON main.${t} BEGIN SELECT ${TOUCH}('${t}', old.rid); END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${t}_index_upd AFTER UPDATE ON main.${t} BEGIN SELECT ${TOUCH}('${t}', old.rid), ${TOUCH}('${t}', new.rid); END;`)
  }

  /** The whole table in rid order, a slice at a time; rows written meanwhile are dirty and read back after. */
  private async fill(): Promise<boolean> {
    try {
      const slice = this.db.prepare(`SELECT ${this.columns} FROM ${this.table} WHERE rid > ? ORDER BY rid LIMIT ${SLICE}`).raw(true)
      for (;;) {
        if (!this.usable()) return false
        const rows = slice.all(this.filledTo) as IndexedRow[]
        // In rid order past every row read so far: none is in the index yet.
        for (const row of rows) this.index.put(row, true)
        if (rows.length < SLICE) break
        this.filledTo = (rows.at(-1) as IndexedRow)[0]
        await backgroundTurn()
      }
      // Read to the end: every row written from now on is read back.
      this.filledTo = Number.POSITIVE_INFINITY
    } catch {
      return this.failed()
    }
    while (this.dirty.size > SLICE) {
      if (!this.usable() || !this.readBack(SLICE)) return false
      await backgroundTurn()
    }
    if (!this.usable()) return false
    this.state = 'ready'
    return true
  }

  /**
   * A row changed. Once the index is filled, changed rows are read back in the next turns of the
   * event loop, in slices (BACK_SLICE), so the next search rarely has any left to read itself (a
   * first sync's page: ~6 ms for 1k rows, no longer on the search's time).
   */
  private touch(rid: number): void {
    // While filling, a row past the fill's place is read when the fill gets there, as it is then.
    if (this.state === 'building' && rid > this.filledTo) return
    this.dirty.add(rid)
    if (this.state === 'ready' && this.catchingUp === null) void this.catchUp()
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.readAllBack().finally(() => (this.catchingUp = null))
    return this.catchingUp
  }

  private async readAllBack(): Promise<void> {
    // First a turn: the write that named the rows is still running (they are read once it is done).
    await backgroundTurn()
    while (this.dirty.size > 0 && this.usable() && !this.db.inTransaction && this.readBack(Math.min(BACK_SLICE, this.dirty.size))) await backgroundTurn()
  }

  /**
   * Reads `n` changed rows back: each is dropped, and put again if it is still there. False when
   * the table could not be read: the keeper stops, as the index no longer knows those rows.
   */
  private readBack(n: number): boolean {
    if (n === 0 || this.db.inTransaction) return true
    const rids: number[] = []
    for (const rid of this.dirty) {
      if (rids.length === n) break
      rids.push(rid)
    }
    for (const rid of rids) {
      this.dirty.delete(rid)
      this.index.drop(rid)
    }
    try {
      const rows = this.db
        .prepare(`SELECT ${this.columns} FROM ${this.table} WHERE rid IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify(rids)) as IndexedRow[]
      for (const row of rows) this.index.put(row)
      return true
    } catch {
      return this.failed()
    }
  }

  /** A read failed (the file closed or broke under it): the SQL ways answer from now on, and report what is wrong. */
  private failed(): false {
    this.stop()
    return false
  }

  private usable(): boolean {
    return this.state !== 'stopped' && this.db.open
  }
}
