/**
 * Rows with notes of megabytes (issue #12 §2): every text field is cut at ingestion to
 * 64 Ki characters and marked as cut, so the Lines page stays small; the raw page in the
 * cache keeps every byte as the panel sent it. Real simulator, real core, real file.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MAX_TEXT_CHARS } from '../../../electron/core/api/normalise/coerce'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { addSimPanel, makeCore, waitForSync, type TestCore } from '../core/helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

const HUGE = 3 * 1024 * 1024
/** A note that says where it is, so a cut can be told from a whole one. */
const hugeNote = (id: number) => `note of line ${id} ` + 'n'.repeat(HUGE) + ' END'

describe('rows with notes of megabytes', () => {
  it('are cached with every text field cut and marked; the raw page keeps them whole', async () => {
    sim = await startSimulator({ seed: 9, lines: 20 })
    const huge = new Set<number>()
    const fat: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (!String(input).includes('action=get_lines')) return res
      const body = (await res.json()) as { data: Record<string, unknown>[] }
      const data = body.data.map((r, i) => {
        if (i % 4 !== 1) return r
        huge.add(Number(r.id))
        return { ...r, reseller_notes: hugeNote(Number(r.id)), username: `${String(r.username)}${'u'.repeat(100_000)}` }
      })
      return new Response(JSON.stringify({ ...body, data }), { status: res.status })
    }
    t = await makeCore({ fetch: fat })
    const p = await addSimPanel(t, sim)
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    expect((await waitForSync(t, p.id, ['lines'], from)).get('lines')?.state).toBe('done')
    expect(huge.size).toBeGreaterThan(3)

    const page = await t.call('cache:query', { profileIds: [p.id], resource: 'lines', offset: 0, limit: 100 })
    expect(page.rows.length).toBeGreaterThan(15)
    expect(JSON.stringify(page).length).toBeLessThan(page.rows.length * 3 * (MAX_TEXT_CHARS + 200))
    for (const row of page.rows as { id: number; resellerNotes: string; username: string }[]) {
      if (!huge.has(row.id)) {
        expect(row.resellerNotes.length).toBeLessThan(1000)
        continue
      }
      expect(row.resellerNotes.startsWith(`note of line ${row.id} nnn`)).toBe(true)
      expect(row.resellerNotes).toMatch(/ … \[cut: the panel sent 3,145,7\d\d characters; the first 65,536 are kept\]$/)
      expect(row.resellerNotes.length).toBeLessThan(MAX_TEXT_CHARS + 200)
      expect(row.username).toMatch(/\[cut: the panel sent 100,0\d\d characters/)
    }
    const one = [...huge][0]!
    const raw = (await t.call('cache:raw', { profileId: p.id, resource: 'lines', id: one })) as { reseller_notes: string }
    expect(raw.reseller_notes).toMatch(/^note of line \d+ n+ … \[cut: the panel sent/)
    // Found by what the kept part says.
    const hits = await t.call('cache:query', { profileIds: [p.id], resource: 'lines', search: `line ${one}`, offset: 0, limit: 10 })
    expect(hits.rows.map((r) => (r as { id: number }).id)).toContain(one)

    await t.close({ keepDir: true })
    const db = new Database(join(t.dataDir, 'cache.db'), { readonly: true })
    try {
      const pages = (db.prepare('SELECT body FROM raw_pages').all() as { body: Buffer }[]).map((r) => brotliDecompressSync(r.body).toString('utf8'))
      // The raw page is the panel's answer, whole.
      expect(pages.some((text) => text.includes(hugeNote(one)))).toBe(true)
    } finally {
      db.close()
    }
  })
})
