/**
 * The raw copy of synced rows: what the panel sent, kept beside the normalised
 * columns for diagnosis and for fields the app does not read yet.
 *
 * Why pages and not rows: serialising each of 100k raw rows as its own JSON
 * cost more than all the rest of a sync's cache writes (test/bench/sync.ts).
 * A list page's answer is already a byte string; it is kept once, as sent,
 * brotli-compressed (~10% of its size, ~0.6 ms per 1000 rows, off the main
 * thread), and each row's `_data` record points into it (`raw_page`, `raw_at`: its place in the
 * answer's rows array). Reading one row's raw copy unpacks its page.
 *
 * A page lives while a row points at it: a re-sync keeps unchanged rows with
 * their old raw copy, so pages are dropped only once no row refers to them.
 */
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib'
import { rowsOf } from '../api/normalise/list'
import type { Prepare } from './row-writes'

/**
 * Reserve a page for one answer of `table` (its body comes later, fillPage); call inside a
 * write transaction. Rows can point at it at once: the switch waits for the bodies.
 */
export function reservePage(prepare: Prepare, table: string): number {
  return (prepare("INSERT INTO raw_pages (tbl, body) VALUES (?, x'') RETURNING page").get(table) as { page: number }).page
}

/**
 * Compress an answer off the main thread (the libuv pool): a sync is bound by this thread,
 * and the pool has a core to spare while the panel prepares the next page.
 */
export function packAnswer(answer: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    brotliCompress(
      answer,
      { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: answer.byteLength } },
      (err, body) => (err ? reject(err) : resolve(body)),
    ),
  )
}

/** Give a reserved page its body; call inside a write transaction. */
export function fillPage(prepare: Prepare, page: number, body: Uint8Array): void {
  prepare('UPDATE raw_pages SET body = ? WHERE page = ?').run(body, page)
}

/** Row `at` of a stored answer; null when the page cannot be read (a damaged file is not an error here). */
export function rawRowOf(body: Uint8Array, at: number): unknown {
  try {
    const answer = JSON.parse(brotliDecompressSync(body).toString('utf8')) as { data?: unknown }
    return rowsOf(answer?.data)?.[at] ?? null
  } catch {
    return null
  }
}

/** Drop `table`'s pages no row points at any more (after a switch, a panel removed, a crash swept). */
export function dropUnreferencedPages(prepare: Prepare, table: string): void {
  prepare(`DELETE FROM raw_pages WHERE tbl = ? AND page NOT IN (SELECT raw_page FROM ${table}_data WHERE raw_page IS NOT NULL)`).run(table)
}

/** Drop the pages a pass stored (it was discarded: no row of it stays). */
export function dropPages(prepare: Prepare, pages: readonly number[]): void {
  if (pages.length > 0) prepare('DELETE FROM raw_pages WHERE page IN (SELECT value FROM json_each(?))').run(JSON.stringify(pages))
}
