/**
 * Cache benchmark at real scale: 1,000,000 synthetic lines on 10 panels in one
 * real SQLite file, built once per run and reused by every figure below. The
 * build stages the rows page by page through the cache, as a sync does, but
 * with the order indexes dropped and made again at the end (one sort each
 * instead of 1M scattered inserts: minutes less on a loaded 2-core machine).
 *
 *   node --import tsx test/bench/cache-1m.ts    (or npm run bench -- cache-1m)
 *
 * Figures (targets from issue #14):
 * - cache.build.1m.ms: the bench's setup (staging 10 × 100k lines, then the indexes), for scale;
 * - cache.build_1m.rss_peak: this process's peak RSS while the build stages the 1M lines (with
 *   the order indexes dropped, which the app never does: no bound);
 * - cache.stage_100k_into_1m.rss_peak: the peak RSS while one more panel's 100k lines are
 *   staged and shown into the 1M cache as a first sync does, indexes in place, the search index
 *   filled (bound 900 MB);
 * - cache.search_index.fill_1m.ms / cache.search_index.1m.memory: the lines' in-memory search index
 *   filled in the background (search-index-keeper.ts; the query figures are with it filled), and the
 *   memory it took (heap and typed arrays, uncollected garbage included);
 * - cache.query.1m.p95: search + chips + sort + a page of 50 (≤ 20 ms);
 * - cache.query.1m.lower_bound_share: the searches whose page came before their count
 *   (query-walk.ts: many matches, total a lower bound), in %;
 * - cache.count.1m.search.p50 / .p95: counting such a search afterwards (countQuery, in slices
 *   with the event loop free between them; wall time, no target), or when none came before its
 *   count, counting the first searches;
 * - cache.query.1m.no_search.p95: chips + sort, no search (≤ 20 ms);
 * - cache.query.1m.default_view.p95: chips, no search, the order the table gives them when the user
 *   chose none (newest first; soonest expiry first with "expiring" on, table-view.ts) (≤ 10 ms);
 * - cache.query.1m.default_order_any_chip.p95: the same chips newest first, "expiring" too (no target);
 * - cache.query.1m.deep_jump.p95: the default view 5,000 rows down, jumped to (OFFSET; no target);
 * - cache.query.1m.paging_forward.p95: the default view paged forward 50 pages, each seeking
 *   from where the last ended (keyset.ts; no target);
 * - cache.query.during_sync.p95: the same mix of queries (each uncounted page then counted, as
 *   the table store asks), asked every 20 ms while a
 *   first sync of one more panel (100k lines) is written as the app writes it: each page
 *   staged and shown, then the switch (≤ 50 ms). A query's time runs from when it was
 *   due, so waiting for a write to let go of the thread counts.
 * - cache.wal.during_sync.max: the longest the write-ahead log got meanwhile (bound 256 MB);
 * - cache.query.during_sync.no_search.p95 / .max: the same while another panel syncs, with chip and
 *   sort views only (no search), so what is measured is the sync's writes stalling reads;
 * - cache.query.during_worker_sync.no_search.p95 / .max: the same views while a third panel is
 *   staged by a worker thread with its own connection (does moving staging off the thread help?);
 * - cache.switch.100k_into_1m.ms: that sync's final switch alone.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { openCache } from '../../electron/core/cache'
import type { SqliteCache } from '../../electron/core/cache/sqlite-cache'
import type { Line } from '../../electron/shared/domain'
import type { CacheQuery } from '../../electron/shared/views'
import { NOW } from '../unit/cache/fixtures'
import { makeQueries } from './cache-query'
import { tableView, viewQuery } from '../../src/stores/table-view'
import { stagePanel } from './_stage-panel'
import { type Figure, time, pct, printWhenMain } from './_figures'

const PANELS = Array.from({ length: 10 }, (_, i) => `panel-${i}`)
/**
 * Staging 100k lines into the 1M cache measured ~235 MB; the lines' search index, filled before
 * (search-index-keeper.ts), holds ~260 MB more for 1M lines (cache.search_index.1m.memory).
 */
const RSS_BOUND_MB = 900

/**
 * The write-ahead log's length while a first sync writes (checkpointer.ts): it grew to ~1 GB
 * over the 100k lines before this connection started it over; ~70–150 MB since (scratch runs).
 */
const WAL_BOUND_MB = 256

const mb = (bytes: number) => bytes / 1024 / 1024
const sizeOf = (file: string): number => {
  try {
    return statSync(file).size
  } catch {
    return 0 // no log at this moment
  }
}
const heapAndBuffers = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** `q` as the lines table would ask it: its chips clicked one by one, its page (table-view.ts). */
function asTheTableAsks(q: CacheQuery): CacheQuery {
  const view = tableView('lines', async () => {})
  for (const chip of q.status ?? []) void view.toggleChip(chip)
  view.pageSize.value = q.limit
  view.page.value = Math.floor(q.offset / q.limit) + 1
  const asked = viewQuery(view, q.profileIds, 'lines')
  if (asked.offset !== q.offset) throw new Error(`offset ${q.offset} is not a page start`)
  return asked
}

/** Due-time latency of `q` asked every `everyMs` until `stop()` says so. */
function askWhile(cache: SqliteCache, queries: CacheQuery[], everyMs: number, wal = { longest: 0 }): { stop: () => Promise<number[]> } {
  const times: number[] = []
  let next = performance.now() + everyMs
  let i = 0
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const tick = () => {
    const due = next
    const q = queries[i++ % queries.length] as CacheQuery
    // As the table store does: a page with a lower-bound total is followed by its count,
    // whose slices then share the thread with the next queries and the sync.
    if (cache.query(q, NOW).totalIsLowerBound) void cache.countQuery(q, NOW)
    times.push(performance.now() - due)
    wal.longest = Math.max(wal.longest, sizeOf(`${cache.file}-wal`))
    next = Math.max(due + everyMs, performance.now())
    if (!stopped) timer = setTimeout(tick, Math.max(0, next - performance.now()))
  }
  timer = setTimeout(tick, everyMs)
  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      return times
    },
  }
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xm-bench-cache-1m-'))
  const file = join(dir, 'cache.db')
  let cache = openCache(file, { now: () => NOW * 1000 })
  cache.close()
  try {
    const sample: Line[] = []
    let rssPeak = 0
    const t0 = performance.now()
    const orderIndexes = withoutOrderIndexes(file)
    cache = openCache(file, { now: () => NOW * 1000 })
    for (const [i, panel] of PANELS.entries()) {
      rssPeak = Math.max(rssPeak, (await stagePanel(cache, panel, i, sample)).rssPeak)
      console.error(`staged ${panel} (${Math.round(performance.now() - t0)} ms)`)
    }
    cache.close()
    const db = new Database(file)
    for (const sql of orderIndexes) db.exec(sql)
    db.close()
    cache = openCache(file, { now: () => NOW * 1000 })
    const buildMs = performance.now() - t0
    console.error(`built 1M lines in ${Math.round(buildMs)} ms`)
    // The list's search index fills in the background once the list is first asked for
    // (search-index-keeper.ts); the app does not wait for it, the figures below are with it filled.
    const memBefore = heapAndBuffers()
    const fillStart = performance.now()
    if (!(await cache.searchIndexReady('lines'))) throw new Error('the search index did not fill')
    const fillMs = performance.now() - fillStart
    const indexMb = mb(heapAndBuffers() - memBefore)
    console.error(`search index filled in ${Math.round(fillMs)} ms`)

    const queries = makeQueries(sample).map((q) => (q.profileIds === 'all' ? q : { ...q, profileIds: [PANELS[q.offset % PANELS.length] as string] }))
    const plain = queries.map((q) => ({ ...q, search: undefined }))
    const defaults = plain.map((q) => ({ ...q, sort: undefined }))
    // The list as the table asks for it when chips are clicked and no sort is chosen (table-view.ts):
    // with "expiring" among them that is soonest expiry first, not newest first.
    const opened = defaults.map(asTheTableAsks)
    for (const q of [...queries, ...plain, ...defaults].slice(0, 30)) cache.query(q, NOW) // warm statements and pages
    const measure = (qs: CacheQuery[]) => qs.map((q) => time(() => cache.query(q, NOW)))
    const sqlTimes = measure(queries)
    // The searches answered before being counted, and what counting them then takes (in slices).
    const uncounted = queries.filter((q) => cache.query(q, NOW).totalIsLowerBound)
    const countTimes: number[] = []
    // With the index filled no page comes before its count; countQuery is timed on the first searches then.
    for (const q of (uncounted.length > 0 ? uncounted : queries).slice(0, 40)) {
      const t = performance.now()
      await cache.countQuery(q, NOW)
      countTimes.push(performance.now() - t)
    }
    const plainTimes = measure(plain)
    const defaultTimes = measure(opened)
    const newestFirstTimes = measure(defaults)
    const deep = defaults.slice(0, 50).map((q) => ({ ...q, offset: 5000 }))
    const deepTimes = measure(deep)
    // Paging forward page by page, as "next page" does: each page seeks from the last one's end.
    const forward = defaults.slice(0, 4).flatMap((q) => Array.from({ length: 50 }, (_, p) => ({ ...q, offset: p * q.limit })))
    const forwardTimes = measure(forward)

    // One more panel synced while the list is being used.
    const mix = queries.flatMap((q, i) => [q, plain[i] as CacheQuery, defaults[i] as CacheQuery])
    const wal = { longest: 0 }
    const asking = askWhile(cache, mix, 20, wal)
    // A page arrives every ~5 ms: the panel and the network are not instant.
    const syncing = await stagePanel(cache, 'panel-syncing', PANELS.length, [], () => new Promise((r) => setTimeout(r, 5)), true)
    const duringSync = await asking.stop()
    // The same, with the views that need no search only: whether a sync's writes on this thread
    // stall reads (the question a worker thread for staging would answer), apart from the
    // cost of the searches themselves.
    const viewsOnly = askWhile(cache, queries.flatMap((_, i) => [plain[i] as CacheQuery, defaults[i] as CacheQuery]), 20)
    await stagePanel(cache, 'panel-syncing-2', PANELS.length + 1, [], () => new Promise((r) => setTimeout(r, 5)), true)
    const duringSyncViews = await viewsOnly.stop()
    // The same views while the sync's writes run in a worker thread with its own connection
    // (WAL: readers never wait for that writer): what moving staging off this thread would buy.
    const beside = askWhile(cache, queries.flatMap((_, i) => [plain[i] as CacheQuery, defaults[i] as CacheQuery]), 20)
    await stageInWorker(file, 'panel-syncing-3', PANELS.length + 2)
    const duringWorkerSync = await beside.stop()

    return [
      { name: 'cache.build.1m.ms', value: buildMs, unit: 'ms' },
      { name: 'cache.build_1m.rss_peak', value: mb(rssPeak), unit: 'MB' },
      { name: 'cache.search_index.fill_1m.ms', value: fillMs, unit: 'ms' },
      // JS heap and typed arrays grown by the fill (garbage not yet collected included: an upper figure).
      { name: 'cache.search_index.1m.memory', value: indexMb, unit: 'MB' },
      { name: 'cache.stage_100k_into_1m.rss_peak', value: mb(syncing.rssPeak), unit: 'MB', target: RSS_BOUND_MB },
      { name: 'cache.query.1m.p95', value: pct(sqlTimes, 95), unit: 'ms', target: 20 },
      { name: 'cache.query.1m.lower_bound_share', value: (100 * uncounted.length) / queries.length, unit: '%' },
      { name: 'cache.count.1m.search.p50', value: pct(countTimes, 50), unit: 'ms' },
      { name: 'cache.count.1m.search.p95', value: pct(countTimes, 95), unit: 'ms' },
      { name: 'cache.query.1m.no_search.p95', value: pct(plainTimes, 95), unit: 'ms', target: 20 },
      { name: 'cache.query.1m.default_view.p95', value: pct(defaultTimes, 95), unit: 'ms', target: 10 },
      // The same chips newest first even with "expiring" on, which the table never asks (the figure default_view was until 2026-12-02).
      { name: 'cache.query.1m.default_order_any_chip.p95', value: pct(newestFirstTimes, 95), unit: 'ms' },
      { name: 'cache.query.1m.deep_jump.p95', value: pct(deepTimes, 95), unit: 'ms' },
      { name: 'cache.query.1m.paging_forward.p95', value: pct(forwardTimes, 95), unit: 'ms' },
      { name: 'cache.query.during_sync.p95', value: pct(duringSync, 95), unit: 'ms', target: 50 },
      { name: 'cache.query.during_sync.max', value: Math.max(...duringSync), unit: 'ms' },
      { name: 'cache.wal.during_sync.max', value: mb(wal.longest), unit: 'MB', target: WAL_BOUND_MB },
      { name: 'cache.query.during_sync.no_search.p95', value: pct(duringSyncViews, 95), unit: 'ms' },
      { name: 'cache.query.during_sync.no_search.max', value: Math.max(...duringSyncViews), unit: 'ms' },
      { name: 'cache.query.during_worker_sync.no_search.p95', value: pct(duringWorkerSync, 95), unit: 'ms' },
      { name: 'cache.query.during_worker_sync.no_search.max', value: Math.max(...duringWorkerSync), unit: 'ms' },
      // The one transaction that makes the 100k new lines visible: reads wait for it on this thread.
      { name: 'cache.switch.100k_into_1m.ms', value: syncing.switchMs, unit: 'ms' },
    ]
  } finally {
    cache.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Stages one more panel from a worker thread (_stage-worker.ts) on its own connection to `file`. */
function stageInWorker(file: string, panel: string, index: number): Promise<void> {
  const entry = new URL('./_stage-worker.ts', import.meta.url).href
  const worker = new Worker(new URL('./_ts-worker.mjs', import.meta.url), { workerData: { entry, file, panel, index } })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the staging worker stopped with ${code}`))))
  })
}

/** Drops the lines table's order indexes from a closed cache file; returns the SQL that makes them again. */
function withoutOrderIndexes(file: string): string[] {
  const db = new Database(file)
  try {
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lines' AND sql IS NOT NULL").all() as { name: string; sql: string }[]
    for (const i of indexes) db.exec(`DROP INDEX ${i.name}`)
    return indexes.map((i) => i.sql)
  } finally {
    db.close()
  }
}

await printWhenMain(import.meta.url, run)
