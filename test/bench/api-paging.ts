/**
 * API-layer paging cost: page through 100 000 lines from the in-process
 * simulator with the client (limit 1000), and fetch the same URLs with bare
 * fetch + JSON.parse as the baseline. Target: client time ≤ 1.3× baseline.
 *
 * The client runs with its politeness limits lifted (ratePerSecond Infinity):
 * this bench measures what the client adds per page — encoding, error
 * classification, decoding, normalising 1000 rows — not the token bucket, which
 * deliberately spaces requests to stay under the panel's 20 r/s.
 *
 *   node --import tsx test/bench/api-paging.ts
 */
import { XtreamClient } from '../../electron/core/api/client'
import { encodeParams, encodeRequest, MAX_LIMIT } from '../../electron/core/api/encode'
import { startSimulator } from '../../electron/simulator'
import { type Figure, printWhenMain } from './_figures'


const UA = 'XMResellerDesk/bench'

export async function run(opts: { lines?: number; rounds?: number } = {}): Promise<Figure[]> {
  const lines = opts.lines ?? 100_000
  const rounds = opts.rounds ?? 3
  const sim = await startSimulator({ seed: 7, lines, mags: 0, enigmas: 0, activecodes: 0, subResellers: 0 })
  try {
    const endpoint = { scheme: 'http' as const, host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode }
    const client = new XtreamClient({
      endpoint,
      getApiKey: async () => sim.apiKey,
      ratePerSecond: Infinity,
      maxConcurrent: 1,
      userAgent: UA,
    })
    const url = (start: number) =>
      encodeRequest(endpoint, sim.apiKey, 'get_lines', 'GET', encodeParams({ start, limit: MAX_LIMIT })).url

    let listed: number | null = null
    async function viaClient(): Promise<number> {
      let rows = 0
      for (let start = 0; ; start += MAX_LIMIT) {
        const page = await client.call('get_lines', { start, limit: MAX_LIMIT })
        listed ??= page.total
        rows += page.rows.length + page.skipped
        if (page.rows.length + page.skipped < MAX_LIMIT) return rows
      }
    }
    async function viaBareFetch(): Promise<number> {
      let rows = 0
      for (let start = 0; ; start += MAX_LIMIT) {
        const res = await fetch(url(start), { headers: { 'User-Agent': UA } })
        const body = JSON.parse(await res.text()) as { data: unknown[] }
        rows += body.data.length
        if (body.data.length < MAX_LIMIT) return rows
      }
    }
    async function timed(fn: () => Promise<number>): Promise<{ ms: number; rows: number }> {
      const t = performance.now()
      const rows = await fn()
      return { ms: performance.now() - t, rows }
    }

    // Warm both paths (JIT, sockets, the simulator's caches), then alternate rounds and keep each side's best.
    await viaBareFetch()
    await viaClient()
    let best = { client: Infinity, baseline: Infinity }
    let rowsSeen = 0
    for (let r = 0; r < rounds; r++) {
      const b = await timed(viaBareFetch)
      const c = await timed(viaClient)
      // The panel lists only lines in our tree (most of the seeded ones): both sides must see all of those.
      if (b.rows !== c.rows || c.rows !== listed)
        throw new Error(`row counts differ: client ${c.rows}, baseline ${b.rows}, listed ${listed}`)
      rowsSeen = c.rows
      best = { client: Math.min(best.client, c.ms), baseline: Math.min(best.baseline, b.ms) }
    }
    return [
      { name: 'api.paging.client.rows_per_s', value: (rowsSeen / best.client) * 1000, unit: 'rows/s' },
      { name: 'api.paging.baseline.rows_per_s', value: (rowsSeen / best.baseline) * 1000, unit: 'rows/s' },
      { name: 'api.paging.ratio', value: best.client / best.baseline, unit: 'x', target: 1.3 },
    ]
  } finally {
    await sim.close()
  }
}

await printWhenMain(import.meta.url, run, 3)
