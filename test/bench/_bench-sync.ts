/**
 * A real sync engine over a fresh cache file and one panel profile pointing at a
 * simulator child process (_remote-sim.ts): what the sync benches measure, built once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XtreamClient } from '../../electron/core/api'
import { openCache } from '../../electron/core/cache'
import type { SqliteCache } from '../../electron/core/cache/sqlite-cache'
import type { CoreContext } from '../../electron/core/ports'
import { JsonProfileStore } from '../../electron/core/profiles/profile-store'
import { PanelStatusBoard } from '../../electron/core/sync/panel-status'
import { SyncEngine } from '../../electron/core/sync/sync-engine'
import { MemorySecretStore } from '../../electron/core/vault/memory-store'
import { PROFILE_DEFAULTS } from '../../electron/shared/profile'
import type { RemoteSimulator } from './_remote-sim'

export interface BenchSync {
  cache: SqliteCache
  profileId: string
  /** One full sync of the panel's lines; rejects with the engine's message when it failed. */
  syncLines: () => Promise<void>
}

/**
 * Runs `use` with an engine syncing from `sim` (the client's default politeness limits unless
 * `ratePerSecond` says otherwise); `onEvent` sees every event the core emits. The folder goes after.
 */
export async function withBenchSync<T>(
  sim: RemoteSimulator,
  opts: { ratePerSecond?: number; onEvent?: (name: string, payload: unknown) => void },
  use: (s: BenchSync) => Promise<T>,
): Promise<T> {
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
      ...(opts.ratePerSecond !== undefined ? { ratePerSecond: opts.ratePerSecond } : {}),
    })
    let failure: string | null = null
    const ctx: CoreContext = {
      now,
      emit: (name, payload) => {
        const pr = payload as { state?: string; error?: { message: string } | null }
        if (name === 'sync:progress' && pr.state === 'failed') failure = pr.error?.message ?? 'failed'
        opts.onEvent?.(name, payload)
      },
      profiles,
      secrets: new MemorySecretStore(),
      cache,
      clients: { forProfile: () => client },
      onSpend: () => undefined,
    }
    const engine = new SyncEngine(ctx, new PanelStatusBoard({ now, emit: ctx.emit, cache }))
    const syncLines = async () => {
      failure = null
      await engine.run({ profileIds: [p.id], targets: ['lines'] }).done
      if (failure) throw new Error(`sync failed: ${failure}`)
    }
    return await use({ cache, profileId: p.id, syncLines })
  } finally {
    cache.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
