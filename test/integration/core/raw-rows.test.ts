/**
 * A synced row keeps the raw row the panel sent beside its normalised columns:
 * real simulator over HTTP, the core's own sync, the cache file read back
 * after the app closed. Junk the panel mixed into a page must not shift any
 * row onto its neighbour's raw copy.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { openCache } from '../../../electron/core/cache'
import type { SqliteCache } from '../../../electron/core/cache/sqlite-cache'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
let cache: SqliteCache | undefined
closeAfterEach(() => [cache, t, sim])

/** Every row of a list as the panel sends it, by id. */
async function panelRows(s: RunningSimulator, action: string): Promise<Map<number, Record<string, unknown>>> {
  const out = new Map<number, Record<string, unknown>>()
  for (let start = 0; ; start += 1000) {
    const body = (await (await fetch(`${s.baseUrl}?api_key=${s.apiKey}&action=${action}&start=${start}&limit=1000`)).json()) as { data: Record<string, unknown>[] }
    for (const r of body.data) out.set(Number(r.id), r)
    if (body.data.length < 1000) return out
  }
}

/** Rows a junk-spitting panel replaced with garbage (ids), so they are not cached. */
const spoiled = new Set<number>()

/**
 * A fetch that turns some get_lines rows into garbage, as a broken panel might: the rows
 * after them then sit one place further in the answer than in the normalised page.
 */
const junkFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init)
  if (!String(input).includes('action=get_lines')) return res
  const body = (await res.json()) as { data: { id: unknown }[] }
  const data = body.data.map((r, i) => {
    if (i % 97 !== 5) return r
    spoiled.add(Number(r.id))
    return i % 2 ? 'junk' : { id: 'not a number' }
  })
  return new Response(JSON.stringify({ ...body, data }), { status: res.status, headers: res.headers })
}

describe('raw rows of a sync', () => {
  it('each cached line and device reads back exactly what the panel sent for it', async () => {
    sim = await startSimulator({ seed: 5, lines: 2600 })
    t = await makeCore({ fetch: junkFetch })
    const p = await addSimPanel(t, sim)
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines', 'mags'] })
    const ended = await waitForSync(t, p.id, ['lines', 'mags'], from)
    expect(ended.get('lines')?.state).toBe('done')
    expect(ended.get('lines')?.error?.code).toBe('BAD_RESPONSE') // a warning: the garbage was counted, not cached
    expect(spoiled.size).toBeGreaterThan(10)
    const lines = await panelRows(sim, 'get_lines')
    const mags = await panelRows(sim, 'get_mags')
    expect(lines.size).toBeGreaterThan(2000)
    await t.close({ keepDir: true })
    const dataDir = t.dataDir
    t = undefined

    cache = openCache(join(dataDir, 'cache.db'), { now: Date.now })
    expect(cache.count(p.id, 'lines')).toBe(lines.size - spoiled.size)
    for (const [id, raw] of lines) {
      if (spoiled.has(id)) expect(cache.getRow(p.id, 'lines', id)).toBeNull()
      else expect(cache.getRaw(p.id, 'lines', id), `line ${id}`).toEqual(raw)
    }
    expect(mags.size).toBeGreaterThan(0)
    for (const [, raw] of mags) {
      // A MAG row's id is its line's; the device id is mag_id (docs/panel-api.md).
      expect(cache.getRaw(p.id, 'mags', Number(raw.mag_id ?? raw.id))).toEqual(raw)
    }
  })

  it('a panel echoing our key: the key is in no stored page, and cache:raw redacts anything key-shaped', async () => {
    sim = await startSimulator({ seed: 6, lines: 40 })
    const key = sim.apiKey
    // A panel that echoes request fields into its rows (a broken plugin, a debug build).
    const echoing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (!String(input).includes('action=get_lines')) return res
      const body = (await res.json()) as { data: Record<string, unknown>[] }
      const data = body.data.map((r) => ({ ...r, api_key: key, debug_url: `http://x/player_api.php?api_key=${key}&action=get_lines` }))
      return new Response(JSON.stringify({ ...body, data }), { status: res.status, headers: res.headers })
    }
    t = await makeCore({ fetch: echoing })
    const p = await addSimPanel(t, sim)
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    expect((await waitForSync(t, p.id, ['lines'], from)).get('lines')?.state).toBe('done')
    const first = (await t.call('cache:query', { profileIds: [p.id], resource: 'lines', offset: 0, limit: 1 })).rows[0] as { id: number; username: string }
    const raw = (await t.call('cache:raw', { profileId: p.id, resource: 'lines', id: first.id })) as Record<string, unknown>
    expect(raw.username).toBe(first.username)
    expect(raw.id).toBe(first.id)
    expect(JSON.stringify(raw)).not.toContain(key)
    expect(raw.api_key).toBe('***')
    expect(raw.debug_url).toBe('http://x/player_api.php?api_key=***&action=get_lines')
    expect(await t.call('cache:raw', { profileId: p.id, resource: 'lines', id: 987654 })).toBeNull()
    // Stored pages are compressed, so a scan of the file could not see the key in them: read them back.
    const pages = new Database(join(t.dataDir, 'cache.db'), { readonly: true })
    try {
      const bodies = pages.prepare('SELECT body FROM raw_pages').all() as { body: Buffer }[]
      expect(bodies.length).toBeGreaterThan(0)
      for (const { body } of bodies) {
        const text = brotliDecompressSync(body).toString('utf8')
        expect(text).toContain('api_key')
        expect(text).not.toContain(key)
      }
    } finally {
      pages.close()
    }
    expect((await t.raw('cache:raw', { profileId: 'no-such-panel', resource: 'lines', id: 1 })).ok).toBe(false)
  })
})
