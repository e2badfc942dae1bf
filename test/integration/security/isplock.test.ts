/**
 * Promise 6: `is_isplock=0` is never sent — the panel tests the parameter's
 * PRESENCE, so 0 would turn the lock ON (panel-api §2). Every write kind goes
 * through the real core to the simulator (in its 'presence' mode, like the
 * real server) with a fetch that records each request as it leaves; the lock
 * is asked off (false), left out (undefined), then on (true).
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIONS } from '../../../electron/core/api/actions'
import { createCore, type Core } from '../../../electron/core/app/create-core'
import { MemorySecretStore } from '../../../electron/core/vault/memory-store'
import type { MethodArgs, MethodName } from '../../../electron/shared/contract'
import { PROFILE_DEFAULTS, type Profile } from '../../../electron/shared/profile'
import type { BulkRun } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { tempDir } from '../core/helpers'
import { recordingFetch, SECRET_KEY, waitFor } from './helpers'

const WRITE_ACTIONS = Object.entries(ACTIONS)
  .filter(([, def]) => def.kind === 'write')
  .map(([name]) => name)

/** A request's parameters: query and form body together. */
const params = (req: { url: string; body: string }) => new URLSearchParams([...new URL(req.url).searchParams, ...new URLSearchParams(req.body)])

/** Every value of every is_isplock parameter in a request (query and form body, `[]` form too). */
function lockValues(req: { url: string; body: string }): string[] {
  const q = new URL(req.url).searchParams
  const b = new URLSearchParams(req.body)
  return [...q.entries(), ...b.entries()].filter(([k]) => /^is_isplock(\[\])?$/i.test(k)).map(([, v]) => v)
}

describe('is_isplock is sent as 1 or not at all', () => {
  let sim: RunningSimulator
  let core: Core
  let dataDir: string
  let p: Profile
  let p2: Profile
  const rec = recordingFetch()
  let pkg: { line: number; device: number }

  async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<any> {
    const r = await core.dispatch(method, args)
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  /** The requests a step sent for one write action. */
  async function sentBy(action: string, step: () => Promise<unknown>) {
    const from = rec.sent.length
    await step()
    const reqs = rec.sent.slice(from).filter((r) => r.action === action)
    expect(reqs, `${action} was sent`).toHaveLength(1)
    return reqs[0]!
  }
  /** The lock as the panel has it (read from the simulator's state: no request, no rate-limit wait). */
  const locked = async (resource: 'lines' | 'mags' | 'enigmas' | 'activecodes', id: number): Promise<boolean> => {
    const st = sim.state
    const lineId = resource === 'mags' ? st.mags.get(id)?.user_id : resource === 'enigmas' ? st.enigmas.get(id)?.user_id : id
    const row = resource === 'activecodes' ? st.activecodes.get(id) : st.lines.get(lineId ?? -1)
    if (!row) throw new Error(`${resource} ${id} is not on the panel`)
    return Number(row.is_isplock) === 1
  }

  beforeAll(async () => {
    sim = await startSimulator({ seed: 61, apiKey: SECRET_KEY, lines: 6, mags: 3, enigmas: 3, activecodes: 3, subResellers: 2, credits: 5000, variants: { isplock: 'presence' } })
    dataDir = tempDir('xm-isplock-')
    core = await createCore({ dataDir, secrets: new MemorySecretStore(), transport: 'loopback', appVersion: '0.0.0', platform: 'linux', fetch: rec.fetch })
    p = await call('profiles:create', { ...PROFILE_DEFAULTS, name: 'Lock panel', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode })
    await call('keys:set', { profileId: p.id, apiKey: SECRET_KEY })
    p2 = await call('profiles:create', { ...PROFILE_DEFAULTS, name: 'Lock panel 2', host: '127.0.0.1', port: sim.port, accessCode: sim.accessCode })
    await call('keys:set', { profileId: p2.id, apiKey: SECRET_KEY })
    // The credit monitor's balance reads after each spend are not what this test is about (and cost rate-limit time).
    await call('credits:setPaused', { paused: true })
    await call('sync:run', { profileIds: [p.id, p2.id] })
    await core.sync.idle()
    const pkgs: { id: number; isOfficial: boolean; isLine: boolean | null; isMag: boolean | null; officialCredits: number }[] = await call('packages:list', { profileId: p.id })
    const line = pkgs.find((x) => x.isOfficial && x.isLine !== false && x.officialCredits > 0)!
    const device = pkgs.find((x) => x.isOfficial && x.isMag !== false && x.officialCredits > 0)!
    pkg = { line: line.id, device: device.id }
  }, 30_000)

  afterAll(async () => {
    await core?.dispose()
    await sim?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('lock off or left out: no is_isplock at all, by any write kind (single and bulk), and nothing ends up locked', async () => {
    const from = rec.sent.length
    // Two panels on the same simulator, each with its own client (and rate limit), work side by side.
    const round = async (panel: Profile, i: number, ispLock: false | undefined) => {
      const lock = ispLock === undefined ? {} : { ispLock }
      await call('lines:create', { profileId: panel.id, packageId: pkg.line, trial: false, username: `lockoff0${i}`, password: 'lockpass0101', ...lock })
      const lineId = await idOf('lines', `lockoff0${i}`)
      expect(await locked('lines', lineId)).toBe(false)
      await call('lines:edit', { profileId: panel.id, id: lineId, notes: 'off', ...lock })
      for (const [r, mac] of [['mags', `00:1A:79:0F:F0:0${i}`], ['enigmas', `00:1A:79:0F:F1:0${i}`]] as const) {
        await call(`${r}:create`, { profileId: panel.id, mac, packageId: pkg.device, trial: false, ...lock })
        const id = await idOf(r, mac)
        expect(await locked(r, id)).toBe(false)
        await call(`${r}:edit`, { profileId: panel.id, id, notes: 'off', ...lock })
        expect(await locked(r, id)).toBe(false)
      }
      await call('activecodes:create', { profileId: panel.id, packageId: pkg.line, trial: false, code: `LOCKOFF-000${i}`, ...lock })
      expect(await locked('activecodes', await idOf('activecodes', `LOCKOFF-000${i}`))).toBe(false)
    }
    await Promise.all([round(p, 0, false), round(p2, 1, undefined)])
    // each of those writes went out once, without the parameter
    for (const i of [0, 1]) {
      const mags = [`00:1A:79:0F:F0:0${i}`, `00:1A:79:0F:F1:0${i}`]
      for (const [action, field, value] of [
        ['create_line', 'username', `lockoff0${i}`],
        ['edit_line', 'id', String(await idOf('lines', `lockoff0${i}`))],
        ['create_mag', 'mac', mags[0]!],
        ['edit_mag', 'id', String(await idOf('mags', mags[0]!))],
        ['create_enigma', 'mac', mags[1]!],
        ['edit_enigma', 'id', String(await idOf('enigmas', mags[1]!))],
        ['create_activecode', 'code', `LOCKOFF-000${i}`],
      ] as const) {
        const reqs = rec.sent.slice(from).filter((r) => r.action === action && params(r).get(field)?.toUpperCase() === value.toUpperCase())
        expect(reqs, `${action} ${value}`).toHaveLength(1)
        expect(lockValues(reqs[0]!), `${action} ${value}`).toEqual([])
      }
    }

    const lineId = await idOf('lines', 'lockoff00')
    const magId = await idOf('mags', '00:1A:79:0F:F0:00')
    const e2Id = await idOf('enigmas', '00:1A:79:0F:F1:00')
    const codeId = await idOf('activecodes', 'LOCKOFF-0000')
    const unlockedMag = ((await call('cache:query', { profileIds: [p.id], resource: 'mags', offset: 0, limit: 100 })).rows as { id: number; mac: string; isIspLock: boolean }[]).find((m) => !m.isIspLock && m.id !== magId && !/0F:F/i.test(m.mac))!
    expect(unlockedMag).toBeTruthy()

    await Promise.all([
      // Bulk (panel 1): create, extend and set notes (an edit built from a fresh read) on items that are not locked.
      (async () => {
        await bulk({ profileId: p.id, resource: 'lines', operation: 'create', packageId: pkg.line, create: { count: 2, prefix: 'lockbulk', mode: 'counter', startAt: 1, digits: 2, trial: false } })
        await call('sync:run', { profileIds: [p.id], resources: ['lines'] })
        await core.sync.idle()
        await bulk({ profileId: p.id, resource: 'lines', operation: 'extend', packageId: pkg.line, targets: ['lockbulk01', 'lockbulk02'] })
        await bulk({ profileId: p.id, resource: 'lines', operation: 'setNotes', notes: 'bulk notes', targets: ['lockbulk01', 'lockbulk02'] })
        await bulk({ profileId: p.id, resource: 'mags', operation: 'setNotes', notes: 'bulk notes', ids: [unlockedMag.id] })
      })(),
      // Every other write kind (panel 2), on items that are not locked.
      (async () => {
        for (const [r, id] of [['lines', lineId], ['mags', magId], ['enigmas', e2Id], ['activecodes', codeId]] as const) {
          await call(`${r}:extend`, { profileId: p2.id, id, packageId: r === 'mags' || r === 'enigmas' ? pkg.device : pkg.line })
          await call(`${r}:disable`, { profileId: p2.id, id })
          await call(`${r}:enable`, { profileId: p2.id, id })
          expect(await locked(r, id)).toBe(false)
        }
        await call('activecodes:edit', { profileId: p2.id, id: codeId, notes: 'off' })
        await call('activecodes:reset', { profileId: p2.id, id: codeId })
        await call('mags:convert', { profileId: p2.id, id: magId })
        await call('enigmas:convert', { profileId: p2.id, id: e2Id })
        await call('lines:delete', { profileId: p2.id, id: await idOf('lines', 'lockoff01') })
        await call('mags:delete', { profileId: p2.id, id: await idOf('mags', '00:1A:79:0F:F0:01') })
        await call('enigmas:delete', { profileId: p2.id, id: await idOf('enigmas', '00:1A:79:0F:F1:01') })
        await call('activecodes:delete', { profileId: p2.id, id: await idOf('activecodes', 'LOCKOFF-0001') })
        const sub = (await call('subResellers:create', { profileId: p2.id, username: 'locksub01', password: 'locksubpass1' })).item as { id: number }
        await call('subResellers:edit', { profileId: p2.id, id: sub.id, notes: 'off' })
        await call('subResellers:adjustCredits', { profileId: p2.id, id: sub.id, credits: 2 })
        await call('subResellers:disable', { profileId: p2.id, id: sub.id })
        await call('subResellers:enable', { profileId: p2.id, id: sub.id })
        await call('subResellers:delete', { profileId: p2.id, id: sub.id })
      })(),
    ])

    const writes = rec.sent.slice(from).filter((r) => WRITE_ACTIONS.includes(r.action))
    expect(new Set(writes.map((w) => w.action))).toEqual(new Set(WRITE_ACTIONS))
    for (const w of writes) {
      expect(lockValues(w), `${w.action}: ${w.url} ${w.body}`).toEqual([])
      expect(`${w.url} ${w.body}`).not.toMatch(/is_isplock(%5B%5D|\[\])?(=|%3D)0/i)
    }
    // Nothing the session touched got locked on the panel.
    for (const l of sim.state.lines.rows) if (/^lock/.test(String(l.username))) expect(Number(l.is_isplock), String(l.username)).toBe(0)
  })

  it('lock on: is_isplock=1 on create and edit, kept by an edit that leaves it out, dropped (not 0) by one that turns it off', async () => {
    const line = await sentBy('create_line', () => call('lines:create', { profileId: p.id, packageId: pkg.line, trial: false, username: 'lockon00', password: 'lockpass0101', ispLock: true }))
    expect(lockValues(line)).toEqual(['1'])
    const lineId = await idOf('lines', 'lockon00')
    expect(await locked('lines', lineId)).toBe(true)
    // an edit that does not mention the lock resends it (an edit blanks what it omits, panel-api §4)
    expect(lockValues(await sentBy('edit_line', () => call('lines:edit', { profileId: p.id, id: lineId, notes: 'keep' })))).toEqual(['1'])
    expect(await locked('lines', lineId)).toBe(true)
    // turning it off omits it: never is_isplock=0
    expect(lockValues(await sentBy('edit_line', () => call('lines:edit', { profileId: p.id, id: lineId, ispLock: false })))).toEqual([])
    expect(await locked('lines', lineId)).toBe(false)
    expect(lockValues(await sentBy('edit_line', () => call('lines:edit', { profileId: p.id, id: lineId, ispLock: true })))).toEqual(['1'])

    for (const [r, mac] of [['mags', '00:1A:79:0A:A0:01'], ['enigmas', '00:1A:79:0A:A1:01']] as const) {
      const action = r === 'mags' ? 'mag' : 'enigma'
      expect(lockValues(await sentBy(`create_${action}`, () => call(`${r}:create`, { profileId: p.id, mac, packageId: pkg.device, trial: false, ispLock: true })))).toEqual(['1'])
      const id = await idOf(r, mac)
      expect(await locked(r, id)).toBe(true)
      expect(lockValues(await sentBy(`edit_${action}`, () => call(`${r}:edit`, { profileId: p.id, id, ispLock: false })))).toEqual([])
      expect(await locked(r, id)).toBe(false)
      expect(lockValues(await sentBy(`edit_${action}`, () => call(`${r}:edit`, { profileId: p.id, id, ispLock: true })))).toEqual(['1'])
      expect(await locked(r, id)).toBe(true)
    }
    expect(lockValues(await sentBy('create_activecode', () => call('activecodes:create', { profileId: p.id, packageId: pkg.line, trial: false, code: 'LOCKON-0001', ispLock: true })))).toEqual(['1'])
    for (const r of rec.sent) expect(lockValues(r).every((v) => v === '1'), `${r.action}`).toBe(true)
  })

  async function idOf(resource: 'lines' | 'mags' | 'enigmas' | 'activecodes', key: string): Promise<number> {
    const table = { lines: sim.state.lines, mags: sim.state.mags, enigmas: sim.state.enigmas, activecodes: sim.state.activecodes }[resource]
    const k = key.toLowerCase()
    const row = table.rows.find((x: any) => [x.username, x.mac, x.code].some((v) => typeof v === 'string' && v.toLowerCase() === k)) as { id?: number; mag_id?: number; device_id?: number } | undefined
    if (!row) throw new Error(`${resource} ${key} is not on the panel`)
    return (row.mag_id ?? row.device_id ?? row.id)!
  }

  async function bulk(input: MethodArgs<'bulk:plan'>) {
    const plan = await call('bulk:plan', input)
    const run: BulkRun = await call('bulk:start', { planId: plan.planId })
    const end = await waitFor('bulk run to end', async () => {
      const s: BulkRun = await call('bulk:status', { runId: run.runId })
      return s.state === 'done' || s.state === 'stopped' ? s : null
    })
    expect(end.counts.succeeded, JSON.stringify(end.items.map((i) => i.reason))).toBe(end.counts.total)
  }
})
