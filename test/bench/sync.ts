/**
 * Sync benchmark: the simulator with 100,000 lines in its own process (a real
 * panel is a remote server: its CPU must not compete with ours on one event
 * loop, _sim-child.ts); a full sync of lines through the real engine
 * (XtreamClient → normalise → page → staged SQLite writes, each page's raw
 * answer kept compressed → one switch, in a temp file), against bare paging of
 * the same pages (fetch + JSON.parse, nothing kept) from the same server.
 *
 *   node --import tsx test/bench/sync.ts    (or npm run bench -- sync)
 *
 * Figures:
 * - sync.lines_100k.ms: as the app runs it, with the client's politeness
 *   limit (15 requests/s per panel: real panels answer 503 above ~20/s);
 * - sync.lines_100k_unthrottled.ms and sync.ratio_to_raw_paging: the same
 *   with the limit off, so the ratio measures our overhead (client, normaliser,
 *   paging, cache write) and not a deliberate wait;
 * - sync.apply_100k.ms: last page to done (the switch);
 * - sync.resync_unchanged_100k_unthrottled.ms: a second sync of the same lines
 *   into the filled cache (unchanged rows are kept, not rewritten).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { XtreamClient } from '../../electron/core/api'
import { openCache } from '../../electron/core/cache'
import type { CoreContext } from '../../electron/core/ports'
import { JsonProfileStore } from '../../electron/core/profiles/profile-store'
import { PanelStatusBoard } from '../../electron/core/sync/panel-status'
import { SyncEngine } from '../../electron/core/sync/sync-engine'
import { MemorySecretStore } from '../../electron/core/vault/memory-store'
import { PROFILE_DEFAULTS } from '../../electron/shared/profile'
import { startRemoteSimulator, type RemoteSimulator } from './_remote-sim'

export interface Figure {
  name: string
  value: number
  unit: string
  target?: number
}

const LINES = 100_000
const PAGE = 1000

/** Bare paging: the same requests, each body parsed and dropped. */
async function rawPaging(sim: RemoteSimulator): Promise<number> {
  const t0 = performance.now()
  let rows = 0
  for (let start = 0; ; start += PAGE) {
    const url = `${sim.baseUrl}?api_key=${sim.apiKey}&action=get_lines&start=${start}&limit=${PAGE}`
    const body = JSON.parse(await (await fetch(url)).text()) as { data: unknown[] }
    rows += body.data.length
    if (body.data.length < PAGE) break
  }
  if (rows !== LINES) throw new Error(`raw paging saw ${rows} lines, expected ${LINES}`)
  return performance.now() - t0
}

interface SyncTiming {
  ms: number
  /** From the start to the last page in memory. */
  pagingMs: number
  /** From the last page to done: the switch (one cache transaction). */
  applyMs: number
  /** A second sync of the same, unchanged lines into the now filled cache (the everyday case). */
  resyncMs: number
}

/** A full sync of lines through the engine into a fresh cache file. */
async function engineSync(sim: RemoteSimulator, ratePerSecond: number): Promise<SyncTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'xm-bench-sync-'))
  const now = Date.now
  const cache = openCache(join(dir, 'cache.db'), { now })
  try {
    const profiles = await JsonProfileStore.open(join(dir, 'profiles.json'), { now })
    const p = await profiles.create({ ...PROFILE_DEFAULTS, name: 'Bench', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode })
    await profiles.setKeyHint(p.id, sim.apiKey.slice(-4))
    const client = new XtreamClient({
      endpoint: { scheme: 'http', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode },
      getApiKey: async () => sim.apiKey,
      ratePerSecond,
    })
    let failure: string | null = null
    let lastPageAt = 0
    let doneAt = 0
    const ctx: CoreContext = {
      now,
      emit: (name, payload) => {
        if (name !== 'sync:progress') return
        const pr = payload as { state?: string; pages: number; error?: { message: string } | null }
        if (pr.state === 'failed') failure = pr.error?.message ?? 'failed'
        if (pr.state === 'running' && pr.pages > 0) lastPageAt = performance.now()
        if (pr.state === 'done') doneAt = performance.now()
      },
      profiles,
      secrets: new MemorySecretStore(),
      cache,
      clients: { forProfile: () => client },
      onSpend: () => undefined,
    }
    const engine = new SyncEngine(ctx, new PanelStatusBoard({ now, emit: ctx.emit, cache }))
    const t0 = performance.now()
    await engine.run({ profileIds: [p.id], targets: ['lines'] }).done
    const ms = performance.now() - t0
    if (failure) throw new Error(`sync failed: ${failure}`)
    const n = cache.count(p.id, 'lines')
    if (n !== LINES) throw new Error(`sync cached ${n} lines, expected ${LINES}`)
    const timing = { ms, pagingMs: lastPageAt - t0, applyMs: doneAt - lastPageAt }
    const t1 = performance.now()
    await engine.run({ profileIds: [p.id], targets: ['lines'] }).done
    const resyncMs = performance.now() - t1
    if (failure) throw new Error(`re-sync failed: ${failure}`)
    return { ...timing, resyncMs }
  } finally {
    cache.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Wall-clock and CPU time (this process: client, engine, cache; not the simulator's) of one run. */
async function timed<T extends { ms: number }>(fn: () => Promise<T>): Promise<T & { cpuMs: number }> {
  const cpu0 = process.cpuUsage()
  const r = await fn()
  const cpu = process.cpuUsage(cpu0)
  return { ...r, cpuMs: (cpu.user + cpu.system) / 1000 }
}

/** The fastest run (least disturbed by the rest of the machine). */
const best = <T extends { ms: number }>(xs: T[]): T => xs.reduce((a, b) => (b.ms < a.ms ? b : a))

export async function run(): Promise<Figure[]> {
  // The seed spreads lines over several resellers; ownAllLines gives them all to the API reseller so it lists exactly 100,000.
  const { sim, child } = await startRemoteSimulator({ seed: 1, lines: LINES, ownAllLines: true })
  try {
    await rawPaging(sim) // warm-up: JIT, sockets, the simulator's own caches
    // Interleaved, best of three each: a shared, busy machine slows runs unevenly.
    const raws: { ms: number; cpuMs: number }[] = []
    const syncs: (SyncTiming & { cpuMs: number })[] = []
    for (let i = 0; i < 3; i++) {
      raws.push(await timed(async () => ({ ms: await rawPaging(sim) })))
      syncs.push(await timed(() => engineSync(sim, Infinity)))
    }
    const raw = best(raws)
    const unthrottled = best(syncs)
    const asShipped = await engineSync(sim, 15)
    return [
      { name: 'sync.lines_100k.ms', value: asShipped.ms, unit: 'ms' },
      { name: 'sync.lines_100k_unthrottled.ms', value: unthrottled.ms, unit: 'ms' },
      { name: 'sync.raw_paging_100k.ms', value: raw.ms, unit: 'ms' },
      { name: 'sync.ratio_to_raw_paging', value: unthrottled.ms / raw.ms, unit: 'x', target: 1.5 },
      { name: 'sync.ratio_to_raw_paging_cpu', value: unthrottled.cpuMs / raw.cpuMs, unit: 'x' },
      // Where the time goes: our paging (client + normaliser + engine) against bare paging, and the cache write.
      { name: 'sync.paging_ratio_to_raw', value: unthrottled.pagingMs / raw.ms, unit: 'x' },
      { name: 'sync.apply_100k.ms', value: unthrottled.applyMs, unit: 'ms' },
      { name: 'sync.resync_unchanged_100k_unthrottled.ms', value: best(syncs.map((x) => ({ ms: x.resyncMs }))).ms, unit: 'ms' },
    ]
  } finally {
    child.stdin?.end()
  }
}

if (process.env.XM_BENCH_MAIN === '1' || import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await run()) process.stdout.write(JSON.stringify(f) + '\n')
}
