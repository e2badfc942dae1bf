/**
 * What a sync must never do: replace good cached data with a partial or
 * suspicious answer, or lose the cache when the panel goes away.
 * Real simulator over HTTP, real SQLite.
 */
import { describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { removeLine } from '../../../electron/simulator/store'
import { addSimPanel, lineQuery, makeCore, panelCount, syncLines, waitFor, waitForSync, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

describe('sync faults', () => {
  it('a pass that fails after some pages keeps the previous data and records the error', async () => {
    sim = await startSimulator({ seed: 3, lines: 2500 })
    t = await makeCore()
    const p = await addSimPanel(t, sim)
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const visible = await panelCount(sim)
    const before = await t.call('cache:query', lineQuery(p.id))
    expect(before.total).toBe(visible)
    expect(visible).toBeGreaterThan(2000)

    // The panel changes: one of its lines goes away. Then it starts failing after the first page of the next sync.
    const gone = (before.rows[10] as Line).id
    removeLine(sim.state, gone)
    const armed = t.core.onEvent((name, payload) => {
      const pr = payload as { resource: string; pages: number; state: string }
      if (name === 'sync:progress' && pr.resource === 'lines' && pr.state === 'running' && pr.pages === 1) {
        sim!.faults.add({ action: 'get_lines', kind: 'html503' })
      }
    })
    const failed = await syncLines(t, p.id)
    armed()
    expect(failed?.state).toBe('failed')
    expect(failed?.error?.code).toBe('RATE_LIMITED')
    expect(failed?.pages).toBe(1)

    const after = await t.call('cache:query', lineQuery(p.id))
    expect(after.total).toBe(visible)
    expect((after.rows as Line[]).map((r) => r.id)).toContain(gone)
    expect(after.panels[0]).toMatchObject({ freshness: 'error', syncedAt: before.panels[0]!.syncedAt })
    expect(after.panels[0]?.error).toMatch(/./)

    // The panel recovers: the next complete pass applies, and the line that went is gone.
    sim.faults.clear()
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const healed = await t.call('cache:query', lineQuery(p.id))
    expect(healed.total).toBe(visible - 1)
    expect((healed.rows as Line[]).map((r) => r.id)).not.toContain(gone)
    expect(healed.panels[0]).toMatchObject({ freshness: 'fresh', error: null })
  })

  it('an empty list without a count while the cache has rows is reported and not applied', async () => {
    sim = await startSimulator({ seed: 4, lines: 1200, variants: { listCounts: false } })
    t = await makeCore()
    const p = await addSimPanel(t, sim)
    const visible = await panelCount(sim)
    const first = await syncLines(t, p.id)
    expect(first).toMatchObject({ state: 'done', rows: visible, rowsTotal: visible })
    // pagesTotal is unknown while paging without a count
    expect(t.progress({ profileId: p.id, resource: 'lines', state: 'running' }).filter((x) => x.pages > 0).every((x) => x.pagesTotal === null)).toBe(true)

    for (const l of [...sim.state.lines.rows]) removeLine(sim.state, l.id)
    const second = await syncLines(t, p.id)
    expect(second?.state).toBe('failed')
    expect(second?.error?.code).toBe('BAD_RESPONSE')
    expect(second?.error?.message).toMatch(/no lines at all/)
    expect(await panelCount(sim)).toBe(0)
    const kept = await t.call('cache:query', lineQuery(p.id))
    expect(kept.total).toBe(visible)
    expect(kept.panels[0]?.freshness).toBe('error')
  })

  it('offline: reads keep answering from the cache marked offline; back online it is fresh again', async () => {
    sim = await startSimulator({ seed: 5, lines: 300 })
    t = await makeCore()
    const p = await addSimPanel(t, sim)
    const visible = await panelCount(sim)
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const someId = ((await t.call('cache:query', lineQuery(p.id))).rows[0] as Line).id

    await sim.stop()
    const down = await syncLines(t, p.id)
    expect(down?.state).toBe('failed')
    expect(down?.error?.code).toBe('OFFLINE')

    const q = await t.call('cache:query', lineQuery(p.id))
    expect(q.total).toBe(visible)
    expect(q.panels[0]?.freshness).toBe('offline')
    const status = (await t.call('sync:status')).find((s) => s.profileId === p.id)
    expect(status).toMatchObject({ reachable: false, lastError: { code: 'OFFLINE' } })

    // A fresh read cannot be had: the error says so and carries the cached copy.
    const get = await t.raw('lines:get', { profileId: p.id, id: someId })
    expect(get.ok).toBe(false)
    if (!get.ok) {
      expect(get.error.code).toBe('OFFLINE')
      expect(get.error.details).toMatchObject({ freshness: 'offline', cached: { id: someId } })
    }

    await sim.start()
    expect((await syncLines(t, p.id))?.state).toBe('done')
    const back = await t.call('cache:query', lineQuery(p.id))
    expect(back.panels[0]).toMatchObject({ freshness: 'fresh', error: null })
    await waitFor('panel reachable', async () => (await t!.call('sync:status')).find((s) => s.profileId === p.id)?.reachable === true)
  })

  it('sync:cancel stops a running sync and keeps the cache', async () => {
    sim = await startSimulator({ seed: 6, lines: 3000 })
    t = await makeCore()
    const p = await addSimPanel(t, sim)
    const visible = await panelCount(sim)
    expect((await syncLines(t, p.id))?.state).toBe('done')
    sim.faults.add({ action: 'get_lines', kind: 'latency', latencyMs: 300 })
    const from = t.events.length
    await t.call('sync:run', { profileIds: [p.id], resources: ['lines'] })
    await waitFor('first page', () =>
      t!.events.slice(from).some((e) => e.name === 'sync:progress' && (e.payload as { pages: number; state: string }).pages === 1),
    )
    await t.call('sync:cancel', { profileId: p.id })
    const ended = (await waitForSync(t, p.id, ['lines'], from)).get('lines')
    expect(ended?.state).toBe('cancelled')
    expect((await t.call('cache:query', lineQuery(p.id))).total).toBe(visible)
  })
})
