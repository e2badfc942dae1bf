/**
 * Issue #14, sync: several list pages in flight per panel, back-off when the
 * panel pushes back, first rows readable while a first sync runs, re-syncs
 * still all-or-nothing. Real simulator over HTTP, real SQLite file. A gate in
 * the app's fetch holds answers back so the test can look in between; nothing
 * waits for or asserts a duration.
 */
import { describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import type { SyncProgress } from '../../../electron/shared/views'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { removeLine } from '../../../electron/simulator/store'
import { addSimPanel, lineQuery, makeCore, panelCount, syncLines, waitFor, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

const sims: RunningSimulator[] = []
let t: TestCore | undefined
closeAfterEach(() => [t, ...sims.splice(0)])

async function sim(seed: number, lines: number): Promise<RunningSimulator> {
  const s = await startSimulator({ seed, lines })
  sims.push(s)
  return s
}

/**
 * The app's fetch, with a gate: while closed, get_lines answers after the first one are held
 * (the requests have reached the panel; their answers wait) until the test opens it.
 */
function gatedFetch() {
  let open = true
  let seen = 0
  let release: () => void = () => undefined
  let gate = Promise.resolve()
  const fetchFn: typeof fetch = async (input, init) => {
    const res = await fetch(input, init)
    if (String(input).includes('action=get_lines') && seen++ > 0 && !open) await gate
    return res
  }
  return {
    fetch: fetchFn,
    /** Hold every get_lines answer after the next one. */
    close: () => {
      open = false
      seen = 0
      gate = new Promise((r) => (release = r))
    },
    open: () => {
      open = true
      release()
    },
  }
}

describe('pipelined sync (#14)', () => {
  it('a first sync keeps four pages in flight and shows rows as they arrive, with "N of M" progress', async () => {
    const s = await sim(21, 6000)
    const gate = gatedFetch()
    t = await makeCore({ fetch: gate.fetch })
    const p = await addSimPanel(t, s)
    const visible = await panelCount(s)
    expect(visible).toBeGreaterThan(5000)
    gate.close()
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    // The first page is in and shown; the next four are out, their answers held.
    await waitFor('the first page shown', () => t!.events.slice(from).some((e) => e.name === 'cache:changed'))
    await waitFor('four pages in flight', () => t!.core.sync.pacer(p.id).stats().inFlight === 4)
    const early = await t.call('cache:query', lineQuery(p.id))
    expect(early.total).toBe(1000)
    expect(early.panels[0]?.freshness).toBe('never')
    expect(t.progress({ profileId: p.id, resource: 'lines' }).at(-1)).toMatchObject({ state: 'running', rows: 1000, rowsTotal: visible })
    gate.open()
    const done = (await waitForSync(t, p.id, ['lines'], from)).get('lines')
    expect(done).toMatchObject({ state: 'done', rows: visible, rowsTotal: visible })
    expect(t.core.sync.pacer(p.id).stats()).toMatchObject({ peak: 4, strains: 0, inFlight: 0 })
    expect((await t.call('cache:query', lineQuery(p.id))).total).toBe(visible)
    // Progress only ever grows and ends exact.
    const rows = t.progress({ profileId: p.id, resource: 'lines' }).map((x) => x.rows)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
  })

  it('a re-sync stays all-or-nothing: the old set is read until the new one is complete', async () => {
    const s = await sim(22, 6000)
    const gate = gatedFetch()
    t = await makeCore({ fetch: gate.fetch })
    const p = await addSimPanel(t, s)
    const visible = await panelCount(s)
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const gone = ((await t.call('cache:query', lineQuery(p.id))).rows[3] as Line).id
    removeLine(s.state, gone)

    gate.close()
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    await waitFor('the first page in', () =>
      t!.events.slice(from).some((e) => e.name === 'sync:progress' && (e.payload as SyncProgress).state === 'running' && (e.payload as SyncProgress).pages === 1),
    )
    await waitFor('the next pages out', () => t!.core.sync.pacer(p.id).stats().inFlight > 0)
    const mid = await t.call('cache:query', lineQuery(p.id))
    expect(mid.total).toBe(visible)
    expect((mid.rows as Line[]).map((l) => l.id)).toContain(gone)
    gate.open()
    expect((await waitForSync(t, p.id, ['lines'], from)).get('lines')?.state).toBe('done')
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
