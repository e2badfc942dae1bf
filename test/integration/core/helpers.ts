/**
 * A real core for integration tests: temp data folder, real SQLite files, a
 * memory SecretStore, the real simulator over HTTP on 127.0.0.1. Waiting is on
 * observed state (events, results), never fixed sleeps.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../../electron/core/app/create-core'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'
import type { EventName, MethodArgs, MethodName, MethodValue } from '../../../electron/shared/contract'
import type { Result } from '../../../electron/shared/errors'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import type { SyncProgress } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../electron/simulator'
import { waitFor } from '../../helpers/wait'

export { waitFor }

export interface TestCore {
  core: Core
  dataDir: string
  secrets: MemorySecretStore
  events: { name: EventName; payload: unknown }[]
  /** Calls a method and returns its value; fails the test with the error when it is not ok. */
  call<M extends MethodName>(name: M, args?: MethodArgs<M>): Promise<MethodValue<M>>
  /** Calls a method and returns the raw Result. */
  raw<M extends MethodName>(name: M, args?: MethodArgs<M>): Promise<Result<MethodValue<M>>>
  progress(filter?: Partial<Pick<SyncProgress, 'profileId' | 'resource' | 'state'>>): SyncProgress[]
  close(opts?: { keepDir?: boolean }): Promise<void>
}

export function tempDir(prefix = 'xm-core-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export async function makeCore(over: Partial<CoreOptions> & { dataDir?: string } = {}): Promise<TestCore> {
  const dataDir = over.dataDir ?? tempDir()
  const secrets = (over.secrets as MemorySecretStore | undefined) ?? new MemorySecretStore()
  const core = await createCore({
    transport: 'loopback',
    appVersion: '0.0.0-test',
    platform: 'linux',
    log: (msg) => console.error(msg),
    ...over,
    dataDir,
    secrets,
  })
  const events: TestCore['events'] = []
  core.onEvent((name, payload) => events.push({ name, payload }))
  const raw = (async (name: MethodName, args?: unknown) => core.dispatch(name, args)) as TestCore['raw']
  const call = (async (name: MethodName, args?: unknown) => {
    const r = await core.dispatch(name, args)
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`)
    return r.value
  }) as TestCore['call']
  return {
    core,
    dataDir,
    secrets,
    events,
    call,
    raw,
    progress(filter = {}) {
      return events
        .filter((e) => e.name === 'sync:progress')
        .map((e) => e.payload as SyncProgress)
        .filter((p) => Object.entries(filter).every(([k, v]) => (p as Record<string, unknown>)[k] === v))
    },
    async close(opts = {}) {
      await core.dispose()
      if (!opts.keepDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A simulated panel, a fresh core and that panel added to it with its key; when a step fails, what was started is closed. */
export async function coreWithSimPanel(simOpts: SimulatorOptions = {}): Promise<{ sim: RunningSimulator; t: TestCore; profileId: string }> {
  const sim = await startSimulator(simOpts)
  let t: TestCore | undefined
  try {
    t = await makeCore()
    return { sim, t, profileId: (await addSimPanel(t, sim)).id }
  } catch (e) {
    await t?.close()
    await sim.close()
    throw e
  }
}

/** Adds a panel pointing at the simulator and stores its key. */
export async function addSimPanel(t: TestCore, sim: RunningSimulator, name = 'Sim panel', pollMinutes = 5): Promise<Profile> {
  const p = await t.call('profiles:create', {
    ...PROFILE_DEFAULTS,
    name,
    host: '127.0.0.1',
    port: sim.port,
    accessCode: sim.accessCode,
    pollMinutes,
  })
  await t.call('keys:set', { profileId: p.id, apiKey: sim.apiKey })
  return p
}


/** Waits until every given target of a panel has ended (done/failed/cancelled) after event index `from`. */
export async function waitForSync(t: TestCore, profileId: string, targets: readonly string[], from = 0): Promise<Map<string, SyncProgress>> {
  return waitFor(`sync of ${targets.join(', ')}`, () => {
    const ended = new Map<string, SyncProgress>()
    for (const e of t.events.slice(from)) {
      if (e.name !== 'sync:progress') continue
      const p = e.payload as SyncProgress
      if (p.profileId === profileId && p.state !== 'running') ended.set(p.resource, p)
    }
    return targets.every((r) => ended.has(r)) ? ended : null
  })
}

/** How many rows the panel itself lists for an action (bare HTTP, paged to the end): the truth to compare the cache with. */
export async function panelCount(sim: RunningSimulator, action = 'get_lines', extra = ''): Promise<number> {
  let n = 0
  for (let start = 0; ; start += 1000) {
    const res = await fetch(`${sim.baseUrl}?api_key=${sim.apiKey}&action=${action}&start=${start}&limit=1000${extra}`)
    const body = (await res.json()) as { data: unknown[] }
    n += body.data.length
    if (body.data.length < 1000) return n
  }
}

/** The query for a panel's cached lines: the first 1000, enough for every seeded panel these tests sync. */
export const lineQuery = (profileId: string) => ({ profileIds: [profileId], resource: 'lines' as const, offset: 0, limit: 1000 })

/** Syncs a panel's lines and waits for that pass to end; its last progress. */
export async function syncLines(t: TestCore, profileId: string): Promise<SyncProgress | undefined> {
  const from = t.events.length
  await t.call('sync:run', { profileIds: [profileId], resources: ['lines'] })
  return (await waitForSync(t, profileId, ['lines'], from)).get('lines')
}
