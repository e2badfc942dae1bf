/**
 * Issue #14, sync: several list pages in flight per panel, back-off when the
 * panel pushes back, first rows readable while a first sync runs, re-syncs
 * still all-or-nothing. Real simulator over HTTP, real SQLite file. The panel's
 * latency only holds pages back so the test can look in between; nothing
 * asserts how long anything took.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import type { SyncProgress } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { removeLine } from '../../../electron/simulator/store'
import { addSimPanel, makeCore, panelCount, waitFor, waitForSync, type TestCore } from './helpers'

let sims: RunningSimulator[] = []
let t: TestCore | undefined
afterEach(async () => {
  await t?.close()
  for (const s of sims) await s.close()
  t = undefined
  sims = []
})

const lineQuery = (profileId: string) => ({ profileIds: [profileId], resource: 'lines' as const, offset: 0, limit: 1000 })

async function sim(seed: number, lines: number): Promise<RunningSimulator> {
  const s = await startSimulator({ seed, lines })
  sims.push(s)
  return s
}

async function syncLines(core: TestCore, profileId: string) {
  const from = core.events.length
  await core.call('sync:run', { profileIds: [profileId], resources: ['lines'] })
  return (await waitForSync(core, profileId, ['lines'], from)).get('lines')
}

/** Once the first page of the next lines sync is in, every later page waits `ms` on the panel. */
function slowAfterFirstPage(core: TestCore, s: RunningSimulator, ms: number): () => void {
  return core.core.onEvent((name, payload) => {
    const pr = payload as SyncProgress
    if (name === 'sync:progress' && pr.resource === 'lines' && pr.state === 'running' && pr.pages === 1) {
      s.faults.add({ action: 'get_lines', kind: 'latency', latencyMs: ms })
    }
  })
}

describe('pipelined sync (#14)', () => {
  it('a first sync keeps four pages in flight and shows rows as they arrive, with "N of M" progress', async () => {
    const s = await sim(21, 6000)
    t = await makeCore()
    const p = await addSimPanel(t, s)
    const visible = await panelCount(s)
    expect(visible).toBeGreaterThan(4000)
    const armed = slowAfterFirstPage(t, s, 1500)
    // The first time the view is told rows changed, it looks: rows are there while the sync still runs.
    let seen: { total: number; freshness: string | undefined; running: SyncProgress | undefined } | null = null
    const looking = t.core.onEvent((name) => {
      if (name !== 'cache:changed' || seen) return
      seen = { total: -1, freshness: undefined, running: undefined }
      void t!.call('cache:query', lineQuery(p.id)).then((q) => {
        const running = t!.progress({ profileId: p.id, resource: 'lines' }).at(-1)
        seen = { total: q.total, freshness: q.panels[0]?.freshness, running }
      })
    })
    const done = await syncLines(t, p.id)
    armed()
    looking()
    expect(done).toMatchObject({ state: 'done', rows: visible, rowsTotal: visible })
    const early = await waitFor('the early look', () => (seen && seen.total >= 0 ? seen : null))
    expect(early.total).toBe(1000)
    expect(early.freshness).toBe('never')
    expect(early.running).toMatchObject({ state: 'running', rows: 1000, rowsTotal: visible })
    expect(t.core.sync.pacer(p.id).stats()).toMatchObject({ peak: 4, strains: 0, inFlight: 0 })
    expect((await t.call('cache:query', lineQuery(p.id))).total).toBe(visible)
    // Progress only ever grows and ends exact.
    const rows = t.progress({ profileId: p.id, resource: 'lines' }).map((x) => x.rows)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
  })

  it('a re-sync stays all-or-nothing: the old set is read until the new one is complete', async () => {
    const s = await sim(22, 6000)
    t = await makeCore()
    const p = await addSimPanel(t, s)
    const visible = await panelCount(s)
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const gone = ((await t.call('cache:query', lineQuery(p.id))).rows[3] as Line).id
    removeLine(s.state, gone)

    const armed = slowAfterFirstPage(t, s, 1500)
    let during: { total: number; ids: number[] } | null = null
    const looking = t.core.onEvent((name, payload) => {
      const pr = payload as SyncProgress
      if (name !== 'sync:progress' || pr.state !== 'running' || pr.pages !== 1 || during) return
      during = { total: -1, ids: [] }
      void t!.call('cache:query', lineQuery(p.id)).then((q) => (during = { total: q.total, ids: (q.rows as Line[]).map((l) => l.id) }))
    })
    const done = await syncLines(t, p.id)
    armed()
    looking()
    expect(done?.state).toBe('done')
    const mid = await waitFor('the look during the pass', () => (during && during.total >= 0 ? during : null))
    expect(mid.total).toBe(visible)
    expect(mid.ids).toContain(gone)
    const after = await t.call('cache:query', lineQuery(p.id))
    expect(after.total).toBe(visible - 1)
    expect((after.rows as Line[]).map((l) => l.id)).not.toContain(gone)
  })

  it('a 503 mid-pass drops the panel to one request at a time; the pass still completes', async () => {
    const s = await sim(23, 6000)
    t = await makeCore()
    const p = await addSimPanel(t, s)
    const visible = await panelCount(s)
    const armed = t.core.onEvent((name, payload) => {
      const pr = payload as SyncProgress
      if (name === 'sync:progress' && pr.resource === 'lines' && pr.state === 'running' && pr.pages === 1) {
        s.faults.add({ action: 'get_lines', kind: 'html503', times: 1 })
      }
    })
    const done = await syncLines(t, p.id)
    armed()
    expect(done).toMatchObject({ state: 'done', rows: visible })
    // One strain; too few calm answers since to climb back (the pacer climbs by one per 16).
    expect(t.core.sync.pacer(p.id).stats()).toMatchObject({ strains: 1, window: 1 })
    expect((await t.call('cache:query', lineQuery(p.id))).total).toBe(visible)
  })

  it('several panels sync side by side, each with its own window', async () => {
    const [a, b] = [await sim(24, 5000), await sim(25, 5000)]
    t = await makeCore()
    const pa = await addSimPanel(t, a, 'A')
    const pb = await addSimPanel(t, b, 'B')
    const from = t.events.length
    await t.call('sync:run', { profileIds: [pa.id, pb.id], resources: ['lines'] })
    const [ea, eb] = [await waitForSync(t, pa.id, ['lines'], from), await waitForSync(t, pb.id, ['lines'], from)]
    expect(ea.get('lines')).toMatchObject({ state: 'done', rows: await panelCount(a) })
    expect(eb.get('lines')).toMatchObject({ state: 'done', rows: await panelCount(b) })
    expect(t.core.sync.pacer(pa.id).stats().peak).toBe(4)
    expect(t.core.sync.pacer(pb.id).stats().peak).toBe(4)
  })
})
