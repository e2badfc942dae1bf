/**
 * Sync against a panel far away (issue #14): 20,000 lines from a simulator in
 * its own process whose every answer waits 400 ms ± 100 ms. A first sync of
 * lines through the real engine (client with its shipped politeness limit of
 * 15 requests/s, pacer, normaliser, staged SQLite writes, pages published as
 * they arrive), against bare paging with 4 requests in flight (fetch +
 * JSON.parse, nothing kept, stops at the first short page).
 *
 *   node --import tsx test/bench/sync-latency.ts    (or npm run bench -- sync-latency)
 *
 * Figures (best of three interleaved runs each; the machine is shared):
 * - sync.latency400.ratio_to_parallel4_raw: engine ÷ bare paging, target ≤ 1.2;
 * - sync.latency400.first_row_ms: from asking to the first line readable in the
 *   cache of a never-synced panel, target ≤ 3 × 400 ms;
 * - sync.latency400.ms, sync.latency400.raw_parallel4.ms, and the spread of
 *   each over its runs (max − min), so a noisy run shows as noise;
 * - sync.latency400.cpu_ms: this process's CPU for one first sync. The
 *   pipeline keeps 4 pages waiting on the panel only while the CPU keeps up;
 *   on a starved machine the ratio grows with this figure.
 */
import { startRemoteSimulator, type RemoteSimulator } from './_remote-sim'
import { withBenchSync } from './_bench-sync'
import { type Figure, printWhenMain } from './_figures'


const LINES = 20_000
const PAGE = 1000
const LATENCY_MS = 400
const JITTER_MS = 100
const IN_FLIGHT = 4

/** Bare paging, 4 requests in flight from offset 0 on, until a short page says where the list ends. */
async function rawParallel(sim: RemoteSimulator): Promise<number> {
  const t0 = performance.now()
  let rows = 0
  let next = 0
  let end = Infinity
  const one = async (): Promise<void> => {
    while (next < end) {
      const start = next
      next += PAGE
      const url = `${sim.baseUrl}?api_key=${sim.apiKey}&action=get_lines&start=${start}&limit=${PAGE}`
      const body = JSON.parse(await (await fetch(url)).text()) as { data: unknown[] }
      rows += body.data.length
      if (body.data.length < PAGE) end = Math.min(end, start)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, one))
  if (rows !== LINES) throw new Error(`raw paging saw ${rows} lines, expected ${LINES}`)
  return performance.now() - t0
}

/** A first sync of lines into a fresh cache file; also when the first line was readable. */
async function firstSync(sim: RemoteSimulator): Promise<{ ms: number; firstRowMs: number; cpuMs: number }> {
  let firstRowAt = 0
  let readable = () => false
  // The view is told rows changed; the first time, check a line really is readable.
  const onEvent = (name: string) => {
    if (name === 'cache:changed' && firstRowAt === 0 && readable()) firstRowAt = performance.now()
  }
  // As shipped: the client's default politeness limits (15 requests/s, 4 at once).
  return withBenchSync(sim, { onEvent }, async ({ cache, profileId, syncLines }) => {
    readable = () => cache.count(profileId, 'lines') > 0
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await syncLines()
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const n = cache.count(profileId, 'lines')
    if (n !== LINES) throw new Error(`sync cached ${n} lines, expected ${LINES}`)
    return { ms, firstRowMs: firstRowAt - t0, cpuMs: (cpu.user + cpu.system) / 1000 }
  })
}

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs)

export async function run(): Promise<Figure[]> {
  const { sim, child } = await startRemoteSimulator({ seed: 1, lines: LINES, ownAllLines: true, latencyMs: LATENCY_MS - JITTER_MS, jitterMs: 2 * JITTER_MS })
  try {
    await rawParallel(sim) // warm-up: JIT, sockets
    const raws: number[] = []
    const syncs: { ms: number; firstRowMs: number; cpuMs: number }[] = []
    for (let i = 0; i < 3; i++) {
      raws.push(await rawParallel(sim))
      syncs.push(await firstSync(sim))
    }
    const raw = Math.min(...raws)
    const sync = Math.min(...syncs.map((s) => s.ms))
    const firstRows = syncs.map((s) => s.firstRowMs)
    return [
      { name: 'sync.latency400.ms', value: sync, unit: 'ms' },
      { name: 'sync.latency400.ms_spread', value: spread(syncs.map((s) => s.ms)), unit: 'ms' },
      { name: 'sync.latency400.raw_parallel4.ms', value: raw, unit: 'ms' },
      { name: 'sync.latency400.raw_parallel4.ms_spread', value: spread(raws), unit: 'ms' },
      { name: 'sync.latency400.ratio_to_parallel4_raw', value: sync / raw, unit: 'x', target: 1.2 },
      { name: 'sync.latency400.first_row_ms', value: Math.min(...firstRows), unit: 'ms', target: 3 * LATENCY_MS },
      { name: 'sync.latency400.first_row_ms_worst', value: Math.max(...firstRows), unit: 'ms' },
      // Our CPU per first sync (client, normaliser, SQLite): on a busy machine the figures above move with it.
      { name: 'sync.latency400.cpu_ms', value: Math.min(...syncs.map((x) => x.cpuMs)), unit: 'ms' },
    ]
  } finally {
    child.stdin?.end()
  }
}

await printWhenMain(import.meta.url, run)
