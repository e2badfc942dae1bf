/**
 * One panel's 100k synthetic lines staged into a cache page by page, as a sync does
 * (test/bench/cache-1m.ts), on this thread or in a worker with its own connection
 * (_stage-worker.ts): the same code either way, so the two can be compared. The pages go
 * through the sync's own writer (sync/pass-writer.ts), so a first sync's rows are shown
 * in the slices the app shows them in.
 */
import type { SqliteCache } from '../../electron/core/cache/sqlite-cache'
import type { Line } from '../../electron/shared/domain'
import { listsReadLately, PassWriter } from '../../electron/core/sync/pass-writer'
import { NOW, syntheticLines } from '../unit/cache/fixtures'

export const PER_PANEL = 100_000
const PAGE = 1000

/** One panel's lines, a page at a time (never all in memory), staged as a sync does. */
export async function stagePanel(
  cache: SqliteCache,
  panel: string,
  index: number,
  sample: Line[],
  between?: () => Promise<void>,
  /** As a first sync does (sync-target.ts): rows shown while the pass runs. */
  publish = false,
): Promise<{ rssPeak: number; switchMs: number }> {
  const set = cache.beginReplace(panel, 'lines')
  // As sync-target.ts sets it up: slices while lists are read (the during-sync figures), all at once otherwise.
  const writer = new PassWriter(set, { firstSync: publish, readers: listsReadLately(cache) })
  let peak = 0
  for (let p = 0; p < PER_PANEL / PAGE; p++) {
    const rows = syntheticLines(PAGE, 1000 * (index + 1) + p, 1 + index * PER_PANEL + p * PAGE)
    if (p % 10 === 0) sample.push(rows[p % PAGE] as Line)
    writer.take(rows, null)
    peak = Math.max(peak, process.memoryUsage().rss)
    if (between) await between()
  }
  await writer.finish()
  await set.settled()
  const t = performance.now()
  set.commit(NOW * 1000)
  return { rssPeak: peak, switchMs: performance.now() - t }
}

