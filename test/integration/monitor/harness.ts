/**
 * The credit monitor among real parts: the simulator on 127.0.0.1, the real
 * XtreamClient, a real SQLite cache file and the real profile store in a temp
 * folder. Only time is fake (FakeClock): polls, backoff and debounce run
 * through hours of schedule in milliseconds, and every poll's HTTP exchange is
 * awaited (`settle`) before the clock moves on.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCache } from '../../../electron/core/cache'
import { createCreditMonitor, type MonitorNotice } from '../../../electron/core/monitor'
import type { CoreContext } from '../../../electron/core/ports'
import { JsonProfileStore } from '../../../electron/core/profiles/profile-store'
import { KeyService, keyHintOf } from '../../../electron/core/vault/key-service'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'
import type { EventName } from '../../../electron/shared/contract'
import type { Profile } from '../../../electron/shared/profile'
import type { CreditSummary } from '../../../electron/shared/views'
import { startSimulator } from '../../../electron/simulator'
import { clientsPerPanel } from '../../helpers/panel-clients'
import { FakeClock } from '../../unit/monitor/fake-clock'

export type Sim = Awaited<ReturnType<typeof startSimulator>>

export interface HarnessOptions {
  credits?: number
  thresholds?: { warning: number; critical: number }
  pollMinutes?: number
  offlineAlertMinutes?: number
  paused?: boolean
}

export async function monitorHarness(o: HarnessOptions = {}) {
  const clock = new FakeClock()
  const dir = mkdtempSync(join(tmpdir(), 'xm-monitor-'))
  const sim = await startSimulator({
    seed: 5,
    lines: 20,
    mags: 2,
    enigmas: 2,
    activecodes: 2,
    subResellers: 2,
    credits: o.credits ?? 100,
    now: clock.now,
  })
  const requests = { user_info: 0, total: 0 }
  const secrets = new MemorySecretStore()
  const keys = new KeyService(secrets)
  const profiles = await JsonProfileStore.open(join(dir, 'profiles.json'), { now: clock.now })
  const cache = openCache(join(dir, 'cache.db'), { now: clock.now })
  const clients = clientsPerPanel(profiles, (id) => ({
    getApiKey: () => keys.get(id),
    fetch: async (input, init) => {
      const action = new URL(input).searchParams.get('action')
      requests.total++
      if (action === 'user_info') requests.user_info++
      return globalThis.fetch(input, init)
    },
  }))
  const events: [EventName, unknown][] = []
  const notes: MonitorNotice[] = []
  let onSpend: (id: string) => void = () => {}
  const ctx: CoreContext = {
    now: clock.now,
    emit: (name, payload) => void events.push([name, payload]),
    profiles,
    secrets,
    cache,
    clients,
    onSpend: (id) => onSpend(id),
  }
  const service = createCreditMonitor(ctx, {
    timers: clock,
    notify: (n) => void notes.push(n),
    ...(o.offlineAlertMinutes !== undefined ? { offlineAlertMinutes: o.offlineAlertMinutes } : {}),
    ...(o.paused !== undefined ? { paused: o.paused } : {}),
  })
  const { monitor } = service
  onSpend = (id) => monitor.refreshSoon(id)

  async function addPanel(name: string, over: Partial<Profile> & { key?: boolean } = {}): Promise<Profile> {
    const p = await profiles.create({
      name,
      color: '#2080f0',
      scheme: 'http',
      host: '127.0.0.1',
      port: sim.port,
      accessCode: sim.accessCode,
      customerDns: null,
      customerPort: null,
      thresholds: o.thresholds ?? { warning: 50, critical: 10 },
      pollMinutes: o.pollMinutes ?? 5,
      enabled: over.enabled ?? true,
    })
    if (over.key === false) return p
    await keys.set(p.id, sim.apiKey)
    return profiles.setKeyHint(p.id, keyHintOf(sim.apiKey))
  }

  const settle = () => monitor.idle()
  const lastSummary = (): CreditSummary[] => {
    const e = events.filter(([n]) => n === 'credits:changed').at(-1)
    return (e?.[1] as CreditSummary[] | undefined) ?? []
  }

  return {
    sim,
    clock,
    cache,
    profiles,
    keys,
    ctx,
    service,
    monitor,
    events,
    notes,
    requests,
    addPanel,
    settle,
    lastSummary,
    /** Move the fake clock, letting every poll that falls due finish. */
    advance: (ms: number) => clock.advance(ms, settle),
    client: (id: string) => clients.forProfile(id),
    async close() {
      service.dispose()
      await settle()
      await sim.close()
      cache.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type MonitorHarness = Awaited<ReturnType<typeof monitorHarness>>
export const MIN = 60_000
