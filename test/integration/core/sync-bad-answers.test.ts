/**
 * Issue #11 §7: a sync must not wipe the offline copy on a bad answer. A pass
 * whose readable rows fall short of the panel's count, or that skipped more
 * than a few rows, is refused: the cached set stays and the user is told how
 * many rows could not be read. And a panel that clamps its page size while
 * still sending counts must not end a pass early.
 * Real simulator over HTTP (fault injection, page clamp), real SQLite file.
 */
import { describe, expect, it } from 'vitest'
import type { Line } from '../../../electron/shared/domain'
import { startSimulator, type RunningSimulator } from '../../../electron/simulator'
import { removeLine } from '../../../electron/simulator/store'
import { addSimPanel, lineQuery, makeCore, panelCount, syncLines, type TestCore } from './helpers'
import { closeAfterEach } from '../../helpers/close'

let sim: RunningSimulator | undefined
let t: TestCore | undefined
closeAfterEach(() => [t, sim])

/** A panel with `lines` seeded, synced once: returns how many lines it lists (all now cached). */
async function syncedPanel(lines: number, variants: { listCounts?: boolean } = {}) {
  sim = await startSimulator({ seed: 11, lines, variants })
  t = await makeCore()
  const p = await addSimPanel(t, sim)
  const visible = await panelCount(sim)
  expect(await syncLines(t, p.id)).toMatchObject({ state: 'done', rows: visible })
  expect((await t.call('cache:query', lineQuery(p.id))).total).toBe(visible)
  return { p, visible }
}

describe('sync: bad answers never wipe the offline copy (#11 §7)', () => {
  it('a list whose every row is unreadable (count sent) is refused; the cached lines stay and the count of unreadable rows is told', async () => {
    const { p, visible } = await syncedPanel(520)
    sim!.faults.add({ action: 'get_lines', kind: 'badRows' })
    const second = await syncLines(t!, p.id)
    expect(second?.state).toBe('failed')
    expect(second?.error?.code).toBe('BAD_RESPONSE')
    expect(second?.error?.message).toContain(`${visible} of the ${visible} lines`)
    expect(second?.error?.message).toMatch(/could not be read/)
    const kept = await t!.call('cache:query', lineQuery(p.id))
    expect(kept.total).toBe(visible)
    expect(kept.panels[0]?.freshness).toBe('error')
    expect(kept.panels[0]?.error).toContain('could not be read')
  })

  it('one unreadable row and nothing else, from a panel without counts, does not replace the cached lines', async () => {
    const { p, visible } = await syncedPanel(400, { listCounts: false })
    // The panel now lists a single line, and that one cannot be read.
    const [keep] = sim!.state.lines.rows.filter((l) => l.member_id === sim!.state.resellerId)
    for (const l of [...sim!.state.lines.rows]) if (l !== keep) removeLine(sim!.state, l.id)
    expect(await panelCount(sim!)).toBe(1)
    sim!.faults.add({ action: 'get_lines', kind: 'badRows' })
    const second = await syncLines(t!, p.id)
    expect(second?.state).toBe('failed')
    expect(second?.error?.code).toBe('BAD_RESPONSE')
    expect(second?.error?.message).toMatch(/^1 of the lines the panel sent could not be read/)
    expect((await t!.call('cache:query', lineQuery(p.id))).total).toBe(visible)
  })

  it('more than a few unreadable rows on one page refuse the pass; a few are applied with a warning', async () => {
    const { p, visible } = await syncedPanel(2500)
    sim!.faults.add({ action: 'get_lines', kind: 'badRows', rows: 12, times: 1 })
    const refused = await syncLines(t!, p.id)
    expect(refused?.state).toBe('failed')
    expect(refused?.error?.message).toMatch(/^12 of the \d+ lines the panel sent could not be read/)
    expect((await t!.call('cache:query', lineQuery(p.id))).total).toBe(visible)

    sim!.faults.add({ action: 'get_lines', kind: 'badRows', rows: 2, times: 1 })
    const warned = await syncLines(t!, p.id)
    expect(warned).toMatchObject({ state: 'done', rows: visible - 2, error: { code: 'BAD_RESPONSE' } })
    expect(warned?.error?.message).toMatch(/^2 of the lines the panel sent could not be read/)
    expect((await t!.call('cache:query', lineQuery(p.id))).total).toBe(visible - 2)
  })

  it('a panel that clamps its pages mid-pass while sending counts: the pass goes on to the last line', async () => {
    sim = await startSimulator({ seed: 12, lines: 4000 })
    t = await makeCore()
    const p = await addSimPanel(t, sim)
    const visible = await panelCount(sim)
    expect(visible).toBeGreaterThan(2000)
    // After the first full page the panel starts sending at most 300 rows a page, still with its count.
    const armed = t.core.onEvent((name, payload) => {
      const pr = payload as { resource: string; pages: number; state: string }
      if (name === 'sync:progress' && pr.resource === 'lines' && pr.state === 'running' && pr.pages === 1) sim!.state.variants.maxPageRows = 300
    })
    const done = await syncLines(t, p.id)
    armed()
    expect(done).toMatchObject({ state: 'done', rows: visible, rowsTotal: visible })
    const ids = new Set<number>()
    for (let offset = 0; offset < visible; offset += 1000) {
      const q = await t.call('cache:query', { ...lineQuery(p.id), offset })
      expect(q.total).toBe(visible)
      for (const l of q.rows as Line[]) ids.add(l.id)
    }
    expect(ids.size).toBe(visible)
  })
})
