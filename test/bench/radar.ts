/**
 * Renewal radar benchmark: 100,000 synthetic lines over three panels in a real
 * cache.db, 20,000 customers in a real customers.db (most with one line, some
 * with two or three), and how long the radar takes to answer as it opens
 * (next 7 days, every panel) and for the widest window (everything within
 * 30 days either side). Target: under 200 ms.
 *
 *   node --import tsx test/bench/radar.ts    (or npm run bench -- radar)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCache } from '../../electron/core/cache'
import { createCustomerServices } from '../../electron/core/customers'
import type { CoreContext } from '../../electron/core/ports'
import { JsonProfileStore } from '../../electron/core/profiles/profile-store'
import { PROFILE_DEFAULTS, type Profile } from '../../electron/shared/profile'
import { NOW, rng, syntheticLines } from '../unit/cache/fixtures'
import { type Figure, pct, printWhenMain } from './_figures'


const LINES = 100_000
const CUSTOMERS = 20_000
const RUNS = 15

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xm-bench-radar-'))
  const now = () => NOW * 1000
  const cache = openCache(join(dir, 'cache.db'), { now })
  const profiles = await JsonProfileStore.open(join(dir, 'profiles.json'), { now })
  try {
    const panels: Profile[] = []
    for (const name of ['North', 'South', 'East']) panels.push(await profiles.create({ ...PROFILE_DEFAULTS, name, host: `${name}.example.com`, accessCode: 'x' }))
    const per = Math.ceil(LINES / panels.length)
    const sets = panels.map((p, i) => {
      const rows = syntheticLines(per, 31 + i, 1 + i * per).map((l) => ({ ...l, username: `${p.name.toLowerCase()}-${l.id}` }))
      cache.replaceAll(p.id, 'lines', rows, null, now())
      return rows
    })
    const s = createCustomerServices({ now, cache, profiles } as unknown as CoreContext, join(dir, 'customers.db'))
    const r = rng(7)
    s.book.write(() => {
      const addC = s.book.db.prepare(`INSERT INTO customers (name, phone, created_at, updated_at) VALUES (?, ?, ?, ?)`)
      const addL = s.book.db.prepare(`INSERT OR IGNORE INTO links (customer_id, profile_id, resource, item_key, item_id, created_at) VALUES (?, ?, 'lines', ?, ?, ?)`)
      for (let c = 1; c <= CUSTOMERS; c++) {
        const id = Number(addC.run(`Customer ${c}`, `+49170${String(c).padStart(7, '0')}`, now(), now()).lastInsertRowid)
        const n = r() < 0.8 ? 1 : r() < 0.5 ? 2 : 3
        for (let k = 0; k < n; k++) {
          const pi = Math.floor(r() * panels.length)
          const row = sets[pi]![Math.floor(r() * sets[pi]!.length)]!
          addL.run(id, panels[pi]!.id, row.username, row.id, now())
        }
      }
    })
    s.radar.query({ window: 'week' }) // warm statements and the owners index
    const week = times(() => s.radar.query({ window: 'week' }))
    const all = times(() => s.radar.query({ window: 'all' }))
    // After a snooze (what the radar reloads after most often) the owners index is kept.
    const someone = { profileId: panels[0]!.id, resource: 'lines' as const, key: sets[0]![0]!.username }
    const snoozed = times(() => {
      s.radar.snooze([someone], 1)
      s.radar.query({ window: 'week' })
    })
    // After a link changed it is rebuilt once: the first open after attaching or detaching.
    const cold = times(() => {
      s.book.write(() => s.book.db.prepare(`UPDATE links SET alt_key = ? WHERE id = 1`).run(`x${performance.now()}`))
      s.radar.query({ window: 'week' })
    })
    const sample = s.radar.query({ window: 'all' })
    s.book.close()
    return [
      { name: 'radar open (7 days, 100k lines, 20k customers) p50', value: pct(week, 50), unit: 'ms', target: 200 },
      { name: 'radar open (7 days) p95', value: pct(week, 95), unit: 'ms', target: 200 },
      { name: 'radar widest window (±30 days) p50', value: pct(all, 50), unit: 'ms', target: 200 },
      { name: 'radar open after a snooze p50', value: pct(snoozed, 50), unit: 'ms', target: 200 },
      { name: 'radar open after a link change p50', value: pct(cold, 50), unit: 'ms', target: 200 },
      { name: 'radar rows in ±30 days', value: sample.total, unit: 'rows' },
    ]
  } finally {
    cache.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function times(fn: () => unknown): number[] {
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    fn()
    out.push(performance.now() - t)
  }
  return out
}

await printWhenMain(import.meta.url, run)
