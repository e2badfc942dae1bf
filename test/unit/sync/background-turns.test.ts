/**
 * Background work takes one slice per turn of the event loop (background-turns.ts): two
 * panels' first syncs shown in slices at once, and a search counted in slices, leave a
 * turn to a list's query between any two slices. Each used to wait with its own
 * setImmediate, and Node ran all their slices back to back in one turn, so a query asked
 * meanwhile waited for every one of them. Real SQLite.
 */
import { describe, expect, it } from 'vitest'
import { backgroundTurn, backgroundWaiting } from '../../../electron/core/background-turns'
import { PassWriter } from '../../../electron/core/sync/pass-writer'
import { line, NOW } from '../../helpers/rows'
import { tempCache } from '../cache/temp-cache'

const lines = (from: number, n: number) => Array.from({ length: n }, (_, k) => line(from + k, { username: `user${from + k}` }))

/** A query's stand-in: on every turn until stopped, notes that it ran (what a list's query would do then). */
function everyTurn(events: string[]): { stop: () => void } {
  let on = true
  const tick = () => {
    if (!on) return
    events.push('query')
    setImmediate(tick)
  }
  setImmediate(tick)
  return { stop: () => (on = false) }
}

/** `staged` notes `name` in `events` each time it shows a slice. */
function noteShown<T extends { publish: (most?: number) => number }>(staged: T, events: string[], name: string): T {
  const publish = staged.publish.bind(staged)
  staged.publish = (most?: number) => {
    events.push(name)
    return publish(most)
  }
  return staged
}

/** Two slices with no query between them. */
const backToBack = (events: string[]): string[][] =>
  events.flatMap((e, i) => (e !== 'query' && i > 0 && events[i - 1] !== 'query' ? [[events[i - 1] as string, e]] : []))

describe('background work, one slice a turn', () => {
  it('two first syncs shown at once leave a turn to a query between any two of their slices', async () => {
    const cache = tempCache()
    const events: string[] = []
    const writers = ['p1', 'p2'].map((panel, n) => {
      const staged = noteShown(cache.beginReplace(panel, 'lines'), events, `show ${panel}`)
      const w = new PassWriter(staged, { firstSync: true, slice: 10 })
      w.take(lines(1 + n * 1000, 60), null)
      return { staged, w }
    })
    const query = everyTurn(events)
    for (const { staged, w } of writers) {
      await w.finish()
      await staged.settled()
      staged.commit(NOW * 1000)
    }
    query.stop()
    expect(events.filter((e) => e === 'show p1')).toHaveLength(6)
    expect(events.filter((e) => e === 'show p2')).toHaveLength(6)
    expect(backToBack(events)).toEqual([])
    expect(cache.count('p1', 'lines') + cache.count('p2', 'lines')).toBe(120)
  })

  it('a search counted in slices beside a first sync: still one slice a turn', async () => {
    const cache = tempCache()
    const events: string[] = []
    // A panel big enough for its count to take three slices (sqlite-cache.ts COUNT_SLICE), too small for an in-memory index.
    const seed = cache.beginReplace('p0', 'lines')
    seed.add(lines(1, 49_000), null)
    seed.commit(NOW * 1000)
    const staged = noteShown(cache.beginReplace('p1', 'lines'), events, 'show')
    // The count's slices are its reads (SqliteCache.read is private: reached through a cast).
    const reads = cache as unknown as { read: <T>(fn: () => T) => T }
    const read = reads.read.bind(cache)
    // One slice may read more than once (its first also asks the in-memory index): noted once per run of code.
    let inSlice = false
    reads.read = <T>(fn: () => T): T => {
      if (!inSlice) events.push('count')
      inSlice = true
      queueMicrotask(() => (inSlice = false))
      return read(fn)
    }
    const w = new PassWriter(staged, { firstSync: true, slice: 10 })
    w.take(lines(50_001, 60), null)
    const counted = cache.countQuery({ profileIds: ['p0'], resource: 'lines', offset: 0, limit: 50, search: 'user1' }, NOW)
    // The count's first slice ran in this call, not in a turn of its own. The query is asked
    // after the count and the sync began: their slices wait ahead of it.
    events.length = 0
    const query = everyTurn(events)
    await w.finish()
    const total = await counted
    query.stop()
    reads.read = read
    expect(total).toBe(cache.query({ profileIds: ['p0'], resource: 'lines', offset: 0, limit: 50, search: 'user1' }, NOW).total)
    expect(events.filter((e) => e === 'count').length).toBeGreaterThan(1)
    expect(events.filter((e) => e === 'show').length).toBeGreaterThan(2)
    expect(backToBack(events)).toEqual([])
  })

  it('resumes waiting work oldest first, one a turn, and stops pumping when none waits', async () => {
    const order: string[] = []
    expect(backgroundWaiting()).toBe(0)
    const a = backgroundTurn().then(() => order.push('a'))
    const b = backgroundTurn().then(() => order.push('b'))
    expect(backgroundWaiting()).toBe(2)
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['a'])
    await Promise.all([a, b])
    expect(order).toEqual(['a', 'b'])
    expect(backgroundWaiting()).toBe(0)
  })
})
