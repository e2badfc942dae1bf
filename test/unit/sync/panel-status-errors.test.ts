/**
 * Issue #15 (words): the panel status carries which lists' last sync failed —
 * the fact a view's "Last refresh failed" banner reads from sync meta — so the
 * status bar can never say all is well beside that banner. Another list's
 * success does not clear it; that list's own success does; a restart keeps it.
 */
import { describe, expect, it } from 'vitest'
import { PanelStatusBoard } from '../../../electron/core/sync/panel-status'
import type { CacheDb } from '../../../electron/core/ports'
import type { PanelStatus } from '../../../electron/shared/views'

function board(meta: Record<string, string | null> = {}) {
  const events: PanelStatus[] = []
  const cache = { getSyncMeta: (_p: string, r: string) => ({ syncedAt: 1, error: meta[r] ?? null }) } as unknown as CacheDb
  const b = new PanelStatusBoard({ now: () => 1_000, emit: (_n, p) => void events.push(p as PanelStatus), cache })
  return { b, events }
}
const BAD = { code: 'BAD_RESPONSE' as const, message: 'The panel sent something that is not a list.' }

describe('panel status: failed lists', () => {
  it('a failed list stays failed while the others succeed, and is announced', () => {
    const { b, events } = board()
    b.syncStarted('p1')
    b.failed('p1', BAD)
    b.targetSettled('p1', 'subResellers', BAD)
    b.answered('p1') // the next list's pages answer fine…
    b.targetSettled('p1', 'lines', null) // …and it succeeds
    b.syncEnded('p1', 2_000)
    const s = b.get('p1')
    expect(s).toMatchObject({ reachable: true, lastError: null, lastSyncAt: 2_000 })
    expect(s.syncErrors).toEqual([{ resource: 'subResellers', ...BAD }])
    expect(events.at(-1)?.syncErrors).toEqual([{ resource: 'subResellers', ...BAD }])
  })

  it('the list’s own success clears it', () => {
    const { b } = board()
    b.targetSettled('p1', 'subResellers', BAD)
    b.targetSettled('p1', 'subResellers', null)
    expect(b.get('p1').syncErrors).toEqual([])
  })

  it('after a restart, failures left in sync meta are still reported', () => {
    const { b } = board({ creditLogs: 'BAD_RESPONSE: The panel sent something that is not a list.' })
    expect(b.get('p1').syncErrors).toEqual([{ resource: 'creditLogs', ...BAD }])
  })
})
