/**
 * The offline cache (CacheDb) over one better-sqlite3 connection. Open it with
 * openCache() (open-cache.ts), which also handles corrupt files.
 *
 * better-sqlite3 is synchronous, so each method is one short transaction on
 * the main process; statements are prepared once and reused.
 */
import type Database from 'better-sqlite3'
import { RESOURCES, type AccountInfo, type Package, type Resource, type ResourceRow } from '../../shared/domain'
import { RESOURCE_INFO, type SubscriptionResource } from '../../shared/resources'
import type { CacheQuery, SearchHit } from '../../shared/views'
import { AppError, isAppError } from '../errors'
import type { CacheDb, CachedRow, Clock, ExpiringRow, OwnedKey, QueryAnswer, StagedReplace } from '../ports'
import { buildQuerySql, buildWalk, DEFAULT_EXPIRING_DAYS, orderOf, soonOf } from './query-sql'
import { INDEX_FROM_ROWS, SearchIndexKeeper } from './search-index-keeper'
import { searchNeedles } from './search-text'
import { hasOrderIndex } from './migrations'
import { WALK_FROM_ROWS, walkSearch, type Walk } from './query-walk'
import { naturalKeyLookup } from './natural-key'
import { SPECS } from './resources'
import { decodeRow, selectStoredSql, type StoredRow } from './row-codec'
import { deleteRows, upsertRow } from './row-writes'
import { dropKey, findKey, keyFor, PANEL_IS } from './panel-keys'
import { dropUnreferencedPages, rawRowOf } from './raw-pages'
import { StagedSet } from './staging'
import { Checkpointer, type CheckpointerOptions, type CheckpointerState } from './checkpointer'
import { searchAll } from './search-hits'
import { isTallied, withPanelRecount } from './tally'
import { PageCursors, type KeyValue, type PageKey } from './keyset'
import { backgroundTurn } from '../background-turns'

type MetaKey = Resource | 'packages' | 'account'

/** Rows a count reads between two turns of the event loop (~10 ms at 1M lines). */
const COUNT_SLICE = 16_384

export class SqliteCache implements CacheDb {
  readonly #statements = new Map<string, Database.Statement>()
  /** Sync passes staging right now (staging.ts). */
  readonly #staging = new Set<StagedSet>()
  /** Where pages served since the last write ended, for keyset paging (keyset.ts). */
  readonly #cursors = new PageCursors()
  #seeks = 0
  /** Rows per tallied table, until the next write (rowsIn). */
  readonly #rows = new Map<string, number>()
  /**
   * A search walks the order only in a table this big (query-walk.ts WALK_FROM_ROWS); tests
   * lower it to walk small tables.
   */
  walkFromRows = WALK_FROM_ROWS
  /** The newest count asked for each list (resource + panels): an older one stops (countQuery). */
  readonly #counts = new Map<string, number>()
  /** The in-memory search index of each big subscription table (search-index-keeper.ts). */
  readonly #indexes = new Map<string, SearchIndexKeeper>()
  /** A table this big gets an in-memory search index; tests lower it. */
  indexFromRows = INDEX_FROM_ROWS
  #indexed = 0
  #lastRead = Number.NEGATIVE_INFINITY
  /** Checkpoints the log off this thread, from the first sync pass on (checkpointer.ts). */
  #checkpointer: Checkpointer | null = null
  /** Options for that worker; tests set them before the first pass. */
  checkpointOptions: CheckpointerOptions = {}

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly now: Clock,
    readonly recovered: boolean,
    /** When recovered: what was wrong with the old file and where it went. */
    readonly recoveryProblem: string | null,
  ) {}

  /** Where the log's checkpoints run: 'main' until the first sync pass starts the worker (checkpointer.ts). */
  get checkpointState(): CheckpointerState | 'main' {
    return this.#checkpointer?.state ?? 'main'
  }

  /**
   * Started with the first sync pass: that is what writes enough to checkpoint mid-use, and
   * the many short-lived caches of a test run (or a session of small edits) need no thread.
   */
  private checkpointOffThread(): void {
    if (this.#checkpointer || !this.db.open) return
    this.#checkpointer = new Checkpointer(this.db, this.file, this.checkpointOptions)
  }

  /** Searches the in-memory index answered (for tests and diagnostics). */
  get indexedCount(): number {
    return this.#indexed
  }

  /** Pages served by seeking from a remembered page end rather than by OFFSET (for tests and diagnostics). */
  get seekCount(): number {
    return this.#seeks
  }

  replaceAll<R extends Resource>(profileId: string, resource: R, rows: ResourceRow[R][], raw: unknown[] | null, syncedAt: number): void {
    const spec = SPECS[resource]
    if (raw !== null && raw.length !== rows.length) {
      throw new AppError('VALIDATION', `Raw rows (${raw.length}) do not line up with ${spec.label.toLowerCase()} rows (${rows.length}).`)
    }
    this.checkpointOffThread()
    this.write(() => {
      const key = keyFor(this.prepare, profileId)
      const set = new StagedSet(this.db, this.prepare, spec, key)
      set.add(rows, raw)
      withPanelRecount(this.db, spec.table, key, () => set.commit())
      this.putMeta(profileId, resource, { syncedAt, error: null })
    })
  }

  beginReplace<R extends Resource>(profileId: string, resource: R): StagedReplace<R> {
    const { table } = SPECS[resource]
    let key = ''
    this.checkpointOffThread()
    const set = this.write(() => new StagedSet(this.db, this.prepare, SPECS[resource], (key = keyFor(this.prepare, profileId))))
    this.#staging.add(set)
    const done = () => this.#staging.delete(set)
    return {
      get size() {
        return set.size
      },
      add: (rows, raw = null, part) => this.write(() => set.add(rows, raw, part)),
      publish: (most) => this.write(() => set.publish(most)),
      settled: () => set.settled(),
      commit: (syncedAt) => {
        this.write(() => {
          // Bulk statements run with the tally's triggers paused and recount the panel after, if they wrote to it;
          // a switch in place shows its last slice, which counts its own rows (tally.ts).
          if (set.switchesInPlace) set.commit()
          else withPanelRecount(this.db, table, key, () => set.commit())
          this.putMeta(profileId, resource, { syncedAt, error: null })
        })
        done()
      },
      discard: () => {
        done()
        // A closed file has nothing to drop now: its staged rows are swept on the next open.
        if (this.db.open) this.write(() => set.discard())
      },
    }
  }

  upsert<R extends Resource>(profileId: string, resource: R, row: ResourceRow[R], raw?: unknown): void {
    const spec = SPECS[resource]
    const key = this.write(() => {
      const k = keyFor(this.prepare, profileId)
      upsertRow(this.prepare, spec, k, row, raw, this.stagedMax(spec.table))
      return k
    })
    this.noteWrite(spec.table, key)
  }

  remove(profileId: string, resource: Resource, id: number): void {
    this.write(() => deleteRows(this.prepare, SPECS[resource], `${PANEL_IS} AND id = ?`, [profileId, id]))
    const key = findKey(this.prepare, profileId)
    if (key !== null) this.noteWrite(SPECS[resource].table, key)
  }

  /** An open pass of the same panel and resource learns that a row changed under it (staging.ts). */
  private noteWrite(table: string, panelKey: string): void {
    for (const s of this.#staging) if (s.table === table && s.panelKey === panelKey) s.noteWrite()
  }

  getRow<R extends Resource>(profileId: string, resource: R, id: number): CachedRow<R> | null {
    const row = this.stmt(`${this.selectRow(resource)} t.${PANEL_IS} AND t.id = ?`).get(profileId, id) as StoredRow | undefined
    return row ? decodeRow<CachedRow<R>>(SPECS[resource], row) : null
  }

  /** The panel's raw row for the cached version of the row, or null. */
  getRaw(profileId: string, resource: Resource, id: number): unknown {
    const { table } = SPECS[resource]
    const row = this.stmt(
      `SELECT d.raw AS raw, d.raw_at AS at, p.body AS body FROM ${table} t JOIN ${table}_data d ON d.rid = t.rid
       LEFT JOIN raw_pages p ON p.page = d.raw_page WHERE t.${PANEL_IS} AND t.id = ?`,
    ).get(profileId, id) as { raw: string | null; at: number | null; body: Uint8Array | null } | undefined
    if (row?.raw) return JSON.parse(row.raw) as unknown
    if (row?.body && row.at !== null) return rawRowOf(row.body, row.at)
    return null
  }

  /**
   * A row by the name people know it by. There is no index per natural key (each one cost every
   * sync's switch, test/bench/sync.ts): the full-text index narrows the search to the few rows
   * holding the key's words, and the column decides (natural-key.ts).
   */
  findByKey<R extends Resource>(profileId: string, resource: R, key: string): CachedRow<R> | null {
    const spec = SPECS[resource]
    const lookup = naturalKeyLookup(spec, key)
    if (!lookup) return null
    const fts = lookup.match === null ? '' : ` AND t.rid IN (SELECT rowid FROM ${spec.table}_fts WHERE ${spec.table}_fts MATCH ?)`
    const sql = `${this.selectRow(resource)} t.${PANEL_IS}${fts} AND t.${lookup.column} = ? ORDER BY t.id LIMIT 1`
    const params = lookup.match === null ? [profileId, lookup.value] : [profileId, lookup.match, lookup.value]
    const row = this.stmt(sql).get(...params) as StoredRow | undefined
    return row ? decodeRow<CachedRow<R>>(spec, row) : null
  }

  count(profileId: string, resource: Resource): number {
    return (this.stmt(`SELECT count(*) AS n FROM ${SPECS[resource].table} WHERE ${PANEL_IS}`).get(profileId) as { n: number }).n
  }

  lastReadAt(): number {
    return this.#lastRead
  }

  query(q: CacheQuery, nowSec: number, owned: OwnedKey[] = []): QueryAnswer {
    this.#lastRead = performance.now()
    const spec = SPECS[q.resource]
    const keys = this.keysOf(q)
    return this.read(() => {
      const soonSec = (q.status ?? []).includes('expiring') ? (q.expiringDays ?? DEFAULT_EXPIRING_DAYS) * 86_400 : 0
      const after = this.#cursors.before(q, nowSec, (from, to) => this.statusChangedBetween(spec.table, from, to, soonSec))
      const also = this.alsoOf(owned)
      const indexed = keys === 'all' ? null : this.indexed(q, nowSec, keys, also)
      if (indexed) return indexed
      const walked = keys === 'all' ? null : this.walked(q, nowSec, keys, after, also)
      if (walked) return walked
      const { pageSql, totalInPage, seeks, countSql, params, countParams } = buildQuerySql(spec, q, nowSec, keys, after, also)
      if (seeks) this.#seeks++
      const page = this.stmt(pageSql).all(params) as { rid: number; total?: number; kv: KeyValue; kid: number; kpk: string }[]
      const rows = this.served(q, nowSec, page)
      let total: number
      if (totalInPage && page[0]?.total !== undefined) total = page[0].total
      // A short, non-empty page is the end of the answer: no need to count.
      else if (rows.length > 0 && rows.length < q.limit) total = q.offset + rows.length
      else total = (this.stmt(countSql).get(countParams) as { n: number }).n
      return { rows, total }
    })
  }

  async countQuery(q: CacheQuery, nowSec: number, owned: OwnedKey[] = []): Promise<number | null> {
    const spec = SPECS[q.resource]
    const list = `${q.resource}:${JSON.stringify(q.profileIds)}`
    const mine = (this.#counts.get(list) ?? 0) + 1
    this.#counts.set(list, mine)
    const keys = this.keysOf(q)
    const also = this.alsoOf(owned)
    // In id order from each panel's start, so a slice goes on from the id the last one ended at.
    const byId: CacheQuery = { ...q, sort: { column: 'id', dir: 'asc' }, offset: 0, limit: 1 }
    const indexed = keys === 'all' ? null : this.read(() => this.indexed({ ...byId, limit: 0 }, nowSec, keys, also))
    if (indexed) return indexed.total
    if (keys === 'all' || !buildWalk(spec, byId, nowSec, keys, undefined, also)) return this.query({ ...q, offset: 0 }, nowSec, owned).total
    let total = 0
    let first = true
    for (const panelKey of keys) {
      let after: PageKey | undefined
      for (;;) {
        // Other calls (the next keystroke's page, a sync's page) go between two slices.
        if (!first) await backgroundTurn()
        first = false
        if (this.#counts.get(list) !== mine || !this.db.open) return null
        const slice = buildWalk(spec, byId, nowSec, [panelKey], after, also) as Walk
        const sql = `SELECT count(*) AS seen, coalesce(sum(hit), 0) AS hits, max(kid) AS last FROM (${slice.windowSql})`
        const r = this.read(() => this.stmt(sql).get({ ...slice.params, wp: panelKey, wb: COUNT_SLICE, wskip: 0 })) as { seen: number; hits: number; last: number | null }
        total += r.hits
        if (r.seen < COUNT_SLICE || r.last === null) break
        after = { value: r.last, id: r.last, panelKey }
      }
    }
    return this.#counts.get(list) === mine ? total : null
  }

  /**
   * A subscription list's search answered from the table's in-memory index (search-index.ts),
   * or null: no word search, rows a customer owns besides the text, an order the index does not
   * keep, a table too small for one, or the index still being filled or catching up.
   */
  private indexed(q: CacheQuery, nowSec: number, keys: string[], also: { panelKey: string; key: string }[]): QueryAnswer | null {
    const spec = SPECS[q.resource]
    if (!isTallied(spec.table)) return null
    // A big list opened: its index fills while the user looks at it, before the first word is typed.
    const keeper = this.indexOf(spec.table)
    const needles = searchNeedles(q.search)
    if (!keeper || needles === null || also.length > 0) return null
    const order = orderOf(spec, q.sort)
    // The index keeps the orders the table keeps an index for.
    if (!hasOrderIndex(spec.table, order.column)) return null
    const answer = keeper.answer({ panelKeys: keys, chips: q.status ?? [], nowSec, soonSec: soonOf(q, nowSec), needles, order, need: q.offset + q.limit })
    if (!answer) return null
    this.#indexed++
    return { rows: this.served(q, nowSec, answer.rows.slice(q.offset)), total: answer.total }
  }

  /** The table's search index, started when the table is big enough; null while it is not. */
  private indexOf(table: string): SearchIndexKeeper | null {
    let keeper = this.#indexes.get(table)
    const rows = keeper ? 0 : this.rowsIn(table)
    if (!keeper && rows >= this.indexFromRows) this.#indexes.set(table, (keeper = new SearchIndexKeeper(this.db, table, rows)))
    return keeper ?? null
  }

  /**
   * Resolves once the resource's search index can answer (true), or at once with false when the
   * table is too small for one (or is not a subscription table). The app does not wait for it:
   * until then searches go the SQL ways. For tests and benchmarks.
   */
  searchIndexReady(resource: Resource): Promise<boolean> {
    const { table } = SPECS[resource]
    const keeper = isTallied(table) ? this.indexOf(table) : null
    return keeper ? keeper.current() : Promise.resolve(false)
  }

  /**
   * A subscription list's search walked along the view's order (query-walk.ts), or null when
   * the full-text way answers instead (no search, or words too rare for a walk). The total is
   * exact when the walk reached every panel's end, else a lower bound: countQuery() counts.
   */
  private walked(q: CacheQuery, nowSec: number, keys: string[], after: PageKey | undefined, also: { panelKey: string; key: string }[]): QueryAnswer | null {
    const walk = buildWalk(SPECS[q.resource], q, nowSec, keys, after, also)
    if (!walk || this.rowsIn(SPECS[q.resource].table) < this.walkFromRows) return null
    const answer = walkSearch(this.prepare, walk)
    if (!answer) return null
    if (walk.seeks) this.#seeks++
    const skip = walk.seeks ? 0 : q.offset
    const rows = this.served(q, nowSec, answer.rows.slice(skip))
    const before = walk.seeks ? q.offset : 0
    if (answer.complete) return { rows, total: before + answer.known }
    return { rows, total: before + answer.known, totalIsLowerBound: true }
  }

  /** The page's rows, its end remembered for the next page's seek (keyset.ts). */
  private served(q: CacheQuery, nowSec: number, page: { rid: number; kv: KeyValue; kid: number; kpk: string }[]): CachedRow[] {
    const last = page.at(-1)
    if (last) this.#cursors.ended(q, nowSec, page.length, { value: last.kv, id: last.kid, panelKey: last.kpk })
    return this.pageRows(q.resource, page)
  }

  /**
   * Some row's expiry (or the end of its "expiring soon" window, `soonSec` later) falls in
   * (from, to]: a status chip may match it differently now than at `from`.
   */
  private statusChangedBetween(table: string, from: number, to: number, soonSec = 0): boolean {
    if (!isTallied(table)) return false
    const sql = `SELECT EXISTS (SELECT 1 FROM ${table} t WHERE (t.exp_date IS NULL) = 0 AND t.exp_date > ? AND t.exp_date <= ?) AS n`
    const crossed = (a: number, b: number) => (this.stmt(sql).get(Math.min(a, b), Math.max(a, b)) as { n: number }).n === 1
    return crossed(from, to) || (soonSec > 0 && crossed(from + soonSec, to + soonSec))
  }

  /**
   * The query's panel keys, looked up first: the planner does better with a list of values
   * than with a subquery. Tallied tables walk and count per panel (query-sql.ts), so "all" is
   * every panel's key there.
   */
  private keysOf(q: CacheQuery): string[] | 'all' {
    if (q.profileIds !== 'all') return q.profileIds.flatMap((id) => findKey(this.prepare, id) ?? [])
    return isTallied(SPECS[q.resource].table) ? (this.stmt('SELECT key FROM panel_keys ORDER BY key').pluck().all() as string[]) : 'all'
  }

  /** Rows a search also matches by their customer, by panel key (a panel never cached has none). */
  private alsoOf(owned: OwnedKey[]): { panelKey: string; key: string }[] {
    return owned.flatMap((o) => {
      const panelKey = findKey(this.prepare, o.profileId)
      return panelKey === null ? [] : [{ panelKey, key: o.key }]
    })
  }

  /** The table's rows, every panel's, from the tally (remembered until the next write). */
  private rowsIn(table: string): number {
    let n = this.#rows.get(table)
    if (n === undefined) {
      n = (this.stmt(`SELECT coalesce(sum(n), 0) AS n FROM ${table}_tally`).get() as { n: number }).n
      this.#rows.set(table, n)
    }
    return n
  }

  /** The full rows are read for the page only, then put back in the page's order. */
  private pageRows(resource: Resource, page: { rid: number }[]): CachedRow[] {
    if (page.length === 0) return []
    const spec = SPECS[resource]
    const stored = this.stmt(`${selectStoredSql(spec.table)} WHERE t.rid IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(page.map((p) => p.rid)),
    ) as (StoredRow & { rid: number })[]
    const byRid = new Map(stored.map((r) => [r.rid, r]))
    const rows: CachedRow[] = []
    for (const p of page) {
      const r = byRid.get(p.rid)
      if (r) rows.push(decodeRow<CachedRow>(spec, r))
    }
    return rows
  }

  search(text: string, limit: number): SearchHit[] {
    return this.read(() => searchAll(this.db, text, limit))
  }

  expiringBetween(resource: SubscriptionResource, fromSec: number, toSec: number): ExpiringRow[] {
    // The expiry index is led by the panel (migrations.ts v8): one range over every panel at once
    // scanned the whole table and sorted the matches (~75–100 ms of the radar's ~180 ms at 100k
    // lines, test/bench/radar.ts). Each panel's part is sought on its own and comes in the index's
    // order (`(exp_date IS NULL) = 0` fixes the key's next column; naming that expression in the
    // ORDER BY too made SQLite sort the rows anyway), and the parts are merged by expiry.
    const key = RESOURCE_INFO[resource].naturalKey
    // As arrays: 12k rows' objects cost ~15 ms of ~50 (a scratch run over 100k lines).
    const range = this.stmt(
      `SELECT t.id, t.${key}, t.exp_date, t.package_id, t.enabled, t.admin_enabled
       FROM ${SPECS[resource].table} t
       WHERE t.panel_key = ? AND (t.exp_date IS NULL) = 0 AND t.exp_date BETWEEN ? AND ? ORDER BY t.exp_date, t.id`,
    ).raw(true)
    type Found = [id: number, key: string | null, expDate: number, packageId: number | null, enabled: number | null, adminEnabled: number | null]
    const out: ExpiringRow[] = []
    this.read(() => {
      for (const panel of this.stmt('SELECT key, profile_id AS profileId FROM panel_keys').all() as { key: string; profileId: string }[]) {
        for (const [id, natural, expDate, packageId, enabled, adminEnabled] of range.all(panel.key, fromSec, toSec) as Found[]) {
          out.push({ profileId: panel.profileId, id, key: natural ?? '', expDate, packageId, enabled: enabled === 1, adminEnabled: adminEnabled === 1 })
        }
      }
    })
    // Each panel's part is sorted already: this merges them.
    return out.sort((a, b) => a.expDate - b.expDate || a.id - b.id)
  }

  setPackages(profileId: string, pkgs: Package[], at: number): void {
    this.write(() => {
      this.stmt('DELETE FROM packages WHERE profile_id = ?').run(profileId)
      const insert = this.stmt('INSERT OR REPLACE INTO packages (profile_id, id, data, at) VALUES (?, ?, ?, ?)')
      for (const p of pkgs) insert.run(profileId, p.id, JSON.stringify(p), at)
      this.putMeta(profileId, 'packages', { syncedAt: at, error: null })
    })
  }

  getPackages(profileId: string): Package[] {
    const rows = this.stmt('SELECT data FROM packages WHERE profile_id = ? ORDER BY id').all(profileId) as { data: string }[]
    return rows.map((r) => JSON.parse(r.data) as Package)
  }

  setAccount(profileId: string, info: AccountInfo, at: number): void {
    this.write(() => {
      this.stmt('INSERT OR REPLACE INTO user_info (profile_id, data, at) VALUES (?, ?, ?)').run(profileId, JSON.stringify(info), at)
      this.putMeta(profileId, 'account', { syncedAt: at, error: null })
    })
  }

  getAccount(profileId: string): { info: AccountInfo; at: number } | null {
    const row = this.stmt('SELECT data, at FROM user_info WHERE profile_id = ?').get(profileId) as { data: string; at: number } | undefined
    return row ? { info: JSON.parse(row.data) as AccountInfo, at: row.at } : null
  }

  getSyncMeta(profileId: string, resource: MetaKey): { syncedAt: number | null; error: string | null } {
    const row = this.stmt('SELECT synced_at AS syncedAt, error FROM sync_meta WHERE profile_id = ? AND resource = ?').get(profileId, resource) as
      | { syncedAt: number | null; error: string | null }
      | undefined
    return row ?? { syncedAt: null, error: null }
  }

  setSyncMeta(profileId: string, resource: MetaKey, meta: { syncedAt?: number | null; error?: string | null }): void {
    this.write(() => this.putMeta(profileId, resource, meta))
  }

  addCreditSnapshot(profileId: string, at: number, credits: number): void {
    this.write(() => this.stmt('INSERT INTO credit_snapshots (profile_id, at, credits) VALUES (?, ?, ?)').run(profileId, at, credits))
  }

  creditSnapshots(profileId: string, sinceMs: number): { t: number; credits: number }[] {
    return this.stmt('SELECT at AS t, credits FROM credit_snapshots WHERE profile_id = ? AND at >= ? ORDER BY at, rowid').all(profileId, sinceMs) as {
      t: number
      credits: number
    }[]
  }

  deleteProfile(profileId: string): void {
    this.write(() => {
      const key = findKey(this.prepare, profileId)
      for (const r of RESOURCES) {
        // Says it wrote (withPanelRecount): the panel's counts go with its rows.
        const drop = () => {
          deleteRows(this.prepare, SPECS[r], PANEL_IS, [profileId])
          return true
        }
        if (key === null) drop()
        else withPanelRecount(this.db, SPECS[r].table, key, drop)
        dropUnreferencedPages(this.prepare, SPECS[r].table)
      }
      dropKey(this.prepare, profileId)
      for (const t of ['packages', 'user_info', 'sync_meta', 'credit_snapshots']) {
        this.stmt(`DELETE FROM ${t} WHERE profile_id = ?`).run(profileId)
      }
    })
  }

  close(): void {
    for (const keeper of this.#indexes.values()) keeper.stop()
    this.#indexes.clear()
    // Its connection first: closing the last one folds the log into the file and removes it.
    this.#checkpointer?.stop()
    if (this.db.open) this.db.close()
  }

  /** Keeps fields not given; `undefined` means "leave as is". */
  private putMeta(profileId: string, resource: MetaKey, meta: { syncedAt?: number | null; error?: string | null }): void {
    const current = this.getSyncMeta(profileId, resource)
    this.stmt('INSERT OR REPLACE INTO sync_meta (profile_id, resource, synced_at, error) VALUES (?, ?, ?, ?)').run(
      profileId,
      resource,
      meta.syncedAt === undefined ? current.syncedAt : meta.syncedAt,
      meta.error === undefined ? current.error : meta.error,
    )
  }

  /** One transaction; an SQLite failure becomes a CACHE_ERROR and nothing is half-written. */
  private write<T>(fn: () => T): T {
    // Rows may move: a remembered page end no longer says where the next page starts.
    this.#cursors.clear()
    this.#rows.clear()
    try {
      return this.db.transaction(fn)()
    } catch (e) {
      if (isAppError(e)) throw e
      throw new AppError('CACHE_ERROR', `The offline cache could not be updated: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
    }
  }

  private selectRow(resource: Resource): string {
    return `${selectStoredSql(SPECS[resource].table)} WHERE`
  }

  /** The highest rid open passes hold in `table`: a new row's rid must stay above it. */
  private stagedMax(table: string): number {
    let max = 0
    for (const s of this.#staging) if (s.table === table) max = Math.max(max, s.maxRid())
    return max
  }

  private readonly prepare = (sql: string): Database.Statement => this.stmt(sql)

  private read<T>(fn: () => T): T {
    try {
      return fn()
    } catch (e) {
      if (isAppError(e)) throw e
      throw new AppError('CACHE_ERROR', `The offline cache could not be read: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
    }
  }

  private stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      // Query shapes vary (panels × chips × search); keep the cache bounded.
      if (this.#statements.size > 500) this.#statements.clear()
      this.#statements.set(sql, s)
    }
    return s
  }
}
