/**
 * The log's checkpoints run in a worker thread with its own connection once a sync pass
 * starts (checkpointer.ts), and fall back to the main connection when that worker fails.
 * Real parts: the cache file, its WAL, and a real worker thread loading better-sqlite3.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MAIN_AUTOCHECKPOINT_PAGES } from '../../../electron/core/cache/checkpointer'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import { NOW } from '../../helpers/rows'
import { syntheticLines } from './fixtures'
import { tempCache } from './temp-cache'
import { waitFor } from '../../helpers/wait'

const mainAutocheckpoint = (cache: SqliteCache): number =>
  cache['db'].pragma('wal_autocheckpoint', { simple: true }) as number

/** One panel's lines staged over a few pages and switched in, as a first sync does. */
function syncLines(cache: SqliteCache, count: number): void {
  const set = cache.beginReplace('p1', 'lines')
  for (let i = 0; i < count; i += 1000) set.add(syntheticLines(Math.min(1000, count - i), 7 + i, 1 + i), null)
  set.commit(NOW * 1000)
}

describe('checkpoints off the main thread', () => {
  it('leaves checkpoints to the main connection until a sync pass starts', () => {
    const cache = tempCache()
    cache.upsert('p1', 'lines', syntheticLines(1, 3)[0]!)
    expect(cache.checkpointState).toBe('main')
    expect(mainAutocheckpoint(cache)).toBe(MAIN_AUTOCHECKPOINT_PAGES)
  })

  it('moves them to a worker for the first sync pass, which folds the pass into the file', async () => {
    const cache = tempCache()
    const seen: { log: number; checkpointed: number }[] = []
    cache.checkpointOptions = { everyMs: 20, onCheckpoint: (f) => seen.push(f) }
    syncLines(cache, 3000)
    await waitFor('the worker to start', () => cache.checkpointState === 'running')
    expect(mainAutocheckpoint(cache)).toBe(0)
    // The pass's pages reached the file through the worker's checkpoints, not this connection's.
    await waitFor('a checkpoint of the whole log', () => seen.some((f) => f.log > 0 && f.checkpointed === f.log))
    syncLines(cache, 2000)
    const frames = seen.length
    await waitFor(
      'checkpoints after the next pass',
      () => seen.length > frames && seen.at(-1)!.checkpointed === seen.at(-1)!.log,
    )
    expect(cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 10 }, NOW).total).toBe(2000)
  })

  it('closes the worker’s connection first, so closing the cache removes the log', async () => {
    const cache = tempCache()
    cache.checkpointOptions = { everyMs: 20 }
    syncLines(cache, 2000)
    await waitFor('the worker to start', () => cache.checkpointState === 'running')
    cache.close()
    expect(cache.checkpointState).toBe('stopped')
    // Only the last connection to close removes the -wal file: the worker's was closed before.
    expect(existsSync(`${cache.file}-wal`)).toBe(false)
    const db = new Database(cache.file, { readonly: true })
    try {
      expect((db.prepare('SELECT count(*) AS n FROM lines').get() as { n: number }).n).toBe(2000)
    } finally {
      db.close()
    }
  })

  it('falls back to the main connection when the worker cannot start, and loses nothing', async () => {
    const cache = tempCache()
    const failures: string[] = []
    cache.checkpointOptions = { everyMs: 20, driver: '/nowhere/better-sqlite3.js', onFailure: (m) => failures.push(m) }
    syncLines(cache, 2000)
    await waitFor('the worker to fail', () => cache.checkpointState === 'failed')
    expect(failures.join(' ')).toMatch(/nowhere/)
    expect(mainAutocheckpoint(cache)).toBe(MAIN_AUTOCHECKPOINT_PAGES)
    syncLines(cache, 1500)
    expect(cache.query({ profileIds: ['p1'], resource: 'lines', offset: 0, limit: 10 }, NOW).total).toBe(1500)
  })
})

describe('the log during a long sync', () => {
  it('starts over from its beginning although this connection wrote again before the worker caught up', async () => {
    const cache = tempCache()
    let logAfter: number | null = null
    cache.checkpointOptions = {
      // One report, long after the pass: nothing else checkpoints meanwhile.
      everyMs: 300,
      restartFrom: 1,
      onCheckpoint: () => {
        if (logAfter !== null) return
        logAfter = -1
        // A sync's next page, written after the worker's checkpoint began: the worker has not copied it.
        cache.upsert('p1', 'lines', syntheticLines(1, 901, 90_001)[0]!)
        // After the report is handled: one more write, then how long the log is.
        queueMicrotask(() => {
          cache.upsert('p1', 'lines', syntheticLines(1, 902, 90_002)[0]!)
          logAfter = (cache['db'].pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log
        })
      },
    }
    syncLines(cache, 3000)
    await waitFor('the first report', () => logAfter !== null && logAfter >= 0)
    // Started over: only the last write's frames (~14 here). Had the log gone on, the first
    // write's would still be in it too (~31: the log grows through a whole sync that way).
    expect(logAfter).toBeLessThan(20)
  })
})
