import { describe, expect, it } from 'vitest'
import { freshnessOf, metaError, parseMetaError } from '../../../electron/core/sync/freshness'

const MIN = 60_000
const T0 = 1_750_000_000_000

/** A clock that only moves when told. */
function fakeClock(start = T0) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('freshnessOf', () => {
  it('is never before any sync, fresh within the poll interval, stale after', () => {
    const clock = fakeClock()
    const poll = 5
    expect(freshnessOf({ syncedAt: null, error: null, pollMinutes: poll, now: clock.now() })).toBe('never')
    const syncedAt = clock.now()
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: poll, now: clock.now() })).toBe('fresh')
    clock.advance(5 * MIN)
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: poll, now: clock.now() })).toBe('fresh')
    clock.advance(1)
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: poll, now: clock.now() })).toBe('stale')
    // a longer interval keeps the same copy fresh
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: 60, now: clock.now() })).toBe('fresh')
  })

  it('is offline when the last attempt could not reach the panel, error for other failures', () => {
    const now = T0
    expect(freshnessOf({ syncedAt: now, error: metaError('OFFLINE', 'x'), pollMinutes: 5, now })).toBe('offline')
    expect(freshnessOf({ syncedAt: null, error: metaError('TIMEOUT', 'x'), pollMinutes: 5, now })).toBe('offline')
    expect(freshnessOf({ syncedAt: now, error: metaError('AUTH_INVALID', 'x'), pollMinutes: 5, now })).toBe('error')
    expect(freshnessOf({ syncedAt: null, error: 'garbage written by someone else', pollMinutes: 5, now })).toBe('error')
  })

  it('is offline when the panel was found unreachable after the last sync, not before', () => {
    const clock = fakeClock()
    const syncedAt = clock.now()
    clock.advance(MIN)
    const down = { reachable: false, at: clock.now() }
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: 5, now: clock.now(), lastCheck: down })).toBe('offline')
    // an outage seen before the sync that then succeeded is history
    const old = { reachable: false, at: syncedAt - MIN }
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: 5, now: clock.now(), lastCheck: old })).toBe('fresh')
    expect(freshnessOf({ syncedAt, error: null, pollMinutes: 5, now: clock.now(), lastCheck: { reachable: true, at: clock.now() } })).toBe('fresh')
  })
})

describe('sync meta errors', () => {
  it('round-trip code and sentence through the one text column', () => {
    expect(parseMetaError(metaError('BAD_RESPONSE', 'The panel: said "no".'))).toEqual({ code: 'BAD_RESPONSE', message: 'The panel: said "no".' })
    expect(parseMetaError('NOT_A_CODE: x')).toEqual({ code: 'INTERNAL', message: 'NOT_A_CODE: x' })
  })
})
