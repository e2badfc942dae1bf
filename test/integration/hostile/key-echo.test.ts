/**
 * A panel that echoes our API key (issue #12 §4) — as sent, upper-cased, JSON-escaped
 * (`\u0061…`) and URL-encoded (`%61…`) — into list rows, a write's answer and a
 * write's refusal. None of those forms may reach cache columns, FTS, query answers,
 * raw pages, errors, journal.db or the CSV export. Real simulator, real core, real files.
 */
import Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, waitForSync, type TestCore } from '../core/helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

const jsonEscaped = (key: string) => [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
const urlEncoded = (key: string) => [...key].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')

/** Every form the key was echoed in, lower-cased: a text holds the key when it holds any of them. */
function forms(key: string): string[] {
  const cases = [key.toLowerCase(), key.toUpperCase()]
  return [key, ...cases.map(jsonEscaped), ...cases.map(urlEncoded)].map((f) => f.toLowerCase())
}
function leak(text: string, key: string): string | null {
  const lower = text.toLowerCase()
  return forms(key).find((f) => lower.includes(f)) ?? null
}

/** The four ways the key comes back, as raw JSON text to splice into a string value. */
function echoes(key: string): string {
  return `exact ${key} upper ${key.toUpperCase()} escaped ${jsonEscaped(key)} encoded http://x/?k=${urlEncoded(key.toUpperCase())} end`
}

describe('a panel that echoes the API key', () => {
  it('no form of it reaches the cache, FTS, query answers, raw pages, errors, the journal or the CSV export', async () => {
    sim = await startSimulator({ seed: 8, lines: 30, credits: 500 })
    const key = sim.apiKey
    const echoing: typeof fetch = async (input, init) => {
      const url = String(input)
      const res = await fetch(input, init)
      if (url.includes('action=get_lines')) {
        const text = await res.text()
        return new Response(text.replace(/"reseller_notes":"[^"]*"/g, `"reseller_notes":"${echoes(key)}"`), { status: res.status })
      }
      if (url.includes('action=create_line') || String(init?.body ?? '').includes('action=create_line')) {
        const body = String(init?.body ?? '')
        if (body.includes('username=refused')) {
          await res.text()
          return new Response(`{"status":"STATUS_FAILURE","error":"Key ${key.toUpperCase()} is not allowed to ${jsonEscaped(key)} create"}`, { status: 200 })
        }
        const text = await res.text()
        return new Response(text.replace(/"reseller_notes":"[^"]*"/g, `"reseller_notes":"${echoes(key)}"`), { status: res.status })
      }
      return res
    }
    t = await makeCore({ fetch: echoing })
    const p = await addSimPanel(t, sim)
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    expect((await waitForSync(t, p.id, ['lines'], from)).get('lines')?.state).toBe('done')

    const rows = await t.call('cache:query', { profileIds: [p.id], resource: 'lines', offset: 0, limit: 100 })
    expect(rows.rows.length).toBeGreaterThan(10)
    // The rest of the echoed text is kept: only the key went.
    expect(JSON.stringify(rows.rows)).toContain('exact *** upper *** escaped *** encoded http://x/?k=*** end')
    expect(leak(JSON.stringify(rows), key)).toBeNull()
    for (const f of [key, key.toUpperCase(), key.slice(0, 12)]) {
      const hits = await t.call('cache:query', { profileIds: [p.id], resource: 'lines', search: f, offset: 0, limit: 10 })
      expect(hits.total, `search ${f}`).toBe(0)
      expect(await t.call('search:global', { text: f })).toEqual([])
    }
    const first = rows.rows[0] as { id: number }
    const raw = await t.call('cache:raw', { profileId: p.id, resource: 'lines', id: first.id })
    expect(JSON.stringify(raw)).toContain('exact ***')
    expect(leak(JSON.stringify(raw), key)).toBeNull()

    const pkg = (await t.call('packages:list', { profileId: p.id })).find((x) => x.isOfficial && x.isLine !== false)
    if (!pkg) throw new Error('simulator has no official line package')
    const created = await t.raw('lines:create', { profileId: p.id, packageId: pkg.id, trial: false, username: 'echoedkey01', password: 'echoedkey01pw', notes: 'echo check' })
    expect(created.ok).toBe(true)
    expect(leak(JSON.stringify(created), key)).toBeNull()
    const refused = await t.raw('lines:create', { profileId: p.id, packageId: pkg.id, trial: false, username: 'refused001', password: 'refused001pw', notes: 'refusal check' })
    expect(refused.ok).toBe(false)
    expect(JSON.stringify(refused)).toContain('Key ***')
    expect(leak(JSON.stringify(refused), key)).toBeNull()

    const journal = await t.call('journal:query', {})
    expect(JSON.stringify(journal)).toContain('refusal check')
    expect(leak(JSON.stringify(journal), key)).toBeNull()
    const csv = await t.call('journal:exportCsv', {})
    expect(csv.csv).toContain('refusal check')
    expect(leak(csv.csv, key)).toBeNull()

    await t.close({ keepDir: true })
    const dataDir = t.dataDir
    const db = new Database(join(dataDir, 'cache.db'), { readonly: true })
    try {
      const bodies = db.prepare('SELECT body FROM raw_pages').all() as { body: Buffer }[]
      expect(bodies.length).toBeGreaterThan(0)
      for (const { body } of bodies) {
        const text = brotliDecompressSync(body).toString('utf8')
        expect(text).toContain('exact ***')
        expect(leak(text, key)).toBeNull()
      }
    } finally {
      db.close()
    }
    for (const name of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, name), 'latin1')
      expect(leak(bytes, key), name).toBeNull()
    }
  })
})
