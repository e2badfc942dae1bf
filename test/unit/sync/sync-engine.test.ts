/**
 * The engine's scheduling rules with small in-test fakes (a panel whose pages
 * answer when the test says, a cache in memory, a clock that moves on demand).
 * The real simulator and SQLite are exercised in test/integration/core.
 */
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../electron/core/errors'
import type { CacheDb, CoreContext } from '../../../electron/core/ports'
import { PanelStatusBoard } from '../../../electron/core/sync/panel-status'
import { SyncEngine } from '../../../electron/core/sync/sync-engine'
import type { EventName } from '../../../electron/shared/contract'
import type { SyncProgress } from '../../../electron/shared/views'

interface Pending {
  profileId: string
  action: string
  resolve(v: unknown): void
  reject(e: unknown): void
}

function world(panels = ['a', 'b']) {
  let now = 1_750_000_000_000
  const pending: Pending[] = []
  const events: { name: EventName; payload: unknown }[] = []
  const meta = new Map<string, { syncedAt: number | null; error: string | null }>()
  const stored = new Map<string, unknown[]>()
  const cache = {
    getSyncMeta: (p: string, r: string) => meta.get(`${p}/${r}`) ?? { syncedAt: null, error: null },
    setSyncMeta: (p: string, r: string, m: { syncedAt?: number | null; error?: string | null }) => {
      const cur = meta.get(`${p}/${r}`) ?? { syncedAt: null, error: null }
      meta.set(`${p}/${r}`, { syncedAt: m.syncedAt === undefined ? cur.syncedAt : m.syncedAt, error: m.error === undefined ? cur.error : m.error })
    },
    replaceAll: (p: string, r: string, rows: unknown[], _raw: unknown, at: number) => {
      stored.set(`${p}/${r}`, rows)
      meta.set(`${p}/${r}`, { syncedAt: at, error: null })
    },
    // Pages are staged and only become the stored set on commit, like cache/staging.ts.
    beginReplace: (p: string, r: string) => {
      const staged = new Map<number, unknown>()
      return {
        get size() {
          return staged.size
        },
        add: (rows: { id: number }[]) => rows.forEach((row) => staged.set(row.id, row)),
        settled: async () => undefined,
        // A first sync shows what it has so far (cache/staging.ts publish()).
        publish: () => {
          stored.set(`${p}/${r}`, [...staged.values()])
          return 0
        },
        commit: (at: number) => {
          stored.set(`${p}/${r}`, [...staged.values()])
          meta.set(`${p}/${r}`, { syncedAt: at, error: null })
        },
        discard: () => staged.clear(),
      }
    },
    count: (p: string, r: string) => stored.get(`${p}/${r}`)?.length ?? 0,
  } as unknown as CacheDb
  const profiles = panels.map((id, order) => ({ id, order, name: id, enabled: true, hasKey: true, pollMinutes: 5 }))
  const ctx = {
    now: () => now,
    emit: (name: EventName, payload: unknown) => events.push({ name, payload }),
    cache,
    profiles: {
      list: () => profiles,
      get: (id: string) => profiles.find((p) => p.id === id),
      require: (id: string) => {
        const p = profiles.find((x) => x.id === id)
        if (!p) throw new AppError('NOT_FOUND_LOCAL', 'no panel')
        return p
      },
    },
    clients: {
      forProfile: (profileId: string) => ({
        call: (action: string, _params: unknown, opts: { signal?: AbortSignal } = {}) =>
          new Promise((resolve, reject) => {
            const entry = { profileId, action, resolve, reject }
            pending.push(entry)
            // Like the client: an abort after the answer changes nothing.
            const onAbort = () => {
              if (!pending.includes(entry)) return
              pending.splice(pending.indexOf(entry), 1)
              reject(new AppError('CANCELLED', 'cancelled'))
            }
            opts.signal?.addEventListener('abort', onAbort, { once: true })
          }),
      }),
    },
    onSpend: () => undefined,
  } as unknown as CoreContext
  const board = new PanelStatusBoard({ now: ctx.now, emit: ctx.emit, cache })
  const engine = new SyncEngine(ctx, board, { perPanel: 2, retryAfterMs: 60_000 })
  const flush = () => new Promise((r) => setImmediate(r))
  /** Answers the oldest pending call of a panel with an empty, counted list. */
  const answer = async (profileId: string, rows = 0) => {
    const i = pending.findIndex((p) => p.profileId === profileId)
    const [p] = pending.splice(i, 1)
    p!.resolve({ rows: Array.from({ length: rows }, (_, k) => ({ id: k + 1 })), total: rows, skipped: 0 })
    await flush()
  }
  const progress = (state?: SyncProgress['state']) =>
    events.filter((e) => e.name === 'sync:progress').map((e) => e.payload as SyncProgress).filter((p) => !state || p.state === state)
  return { ctx, engine, pending, events, meta, stored, answer, flush, progress, advance: (ms: number) => (now += ms) }
}

describe('SyncEngine', () => {
  it('runs at most two targets per panel at a time, panels side by side', async () => {
    const w = world()
    const { started } = w.engine.run({ targets: ['lines', 'mags', 'enigmas'] })
    expect(started).toBe(6)
    await w.flush()
    const inFlight = (id: string) => w.pending.filter((p) => p.profileId === id).map((p) => p.action)
    expect(inFlight('a')).toEqual(['get_lines', 'get_mags'])
    expect(inFlight('b')).toEqual(['get_lines', 'get_mags'])
    await w.answer('a', 3)
    expect(inFlight('a')).toEqual(['get_mags', 'get_enigmas'])
    expect(w.stored.get('a/lines')).toHaveLength(3)
    while (w.pending.length > 0) await w.answer(w.pending[0]!.profileId)
    await w.engine.idle()
    expect(w.progress('done')).toHaveLength(6)
  })

  it('never queues a target twice: a second run and a stale read join the first', async () => {
    const w = world(['a'])
    expect(w.engine.run({ targets: ['lines'] }).started).toBe(1)
    expect(w.engine.run({ targets: ['lines'] }).started).toBe(0)
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(true)
    await w.flush()
    expect(w.pending).toHaveLength(1)
    await w.answer('a', 1)
    await w.engine.idle()
    expect(w.progress('done')).toHaveLength(1)
  })

  it('refreshes only what is not fresh, and waits before retrying a failure', async () => {
    const w = world(['a'])
    w.meta.set('a/lines', { syncedAt: w.ctx.now(), error: null })
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(false)
    w.advance(6 * 60_000)
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(true)
    await w.flush()
    w.pending.shift()!.reject(new AppError('OFFLINE', 'The panel could not be reached.'))
    await w.engine.idle()
    expect(w.meta.get('a/lines')?.error).toBe('OFFLINE: The panel could not be reached.')
    expect(w.progress('failed')[0]?.error).toEqual({ code: 'OFFLINE', message: 'The panel could not be reached.' })
    expect(w.engine.status()[0]).toMatchObject({ reachable: false, lastError: { code: 'OFFLINE' }, syncing: false })

    w.advance(30_000)
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(false)
    w.advance(31_000)
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(true)
  })

  it('cancel aborts the running targets, drops the queued ones, and leaves the cache alone', async () => {
    const w = world(['a'])
    w.stored.set('a/lines', [{ id: 1 }])
    w.engine.run({ targets: ['lines', 'mags', 'enigmas'] })
    await w.flush()
    w.engine.cancel('a')
    await w.engine.idle()
    const cancelled = w.progress('cancelled').map((p) => p.resource).sort()
    expect(cancelled).toEqual(['enigmas', 'lines', 'mags'])
    expect(w.stored.get('a/lines')).toEqual([{ id: 1 }])
    expect(w.meta.get('a/lines')).toBeUndefined()
    // and the panel can be synced again afterwards
    expect(w.engine.run({ targets: ['lines'] }).started).toBe(1)
    await w.flush()
    await w.answer('a', 2)
    await w.engine.idle()
    expect(w.stored.get('a/lines')).toHaveLength(2)
  })

  it('reports rows the panel sent that could not be read, instead of dropping them silently', async () => {
    const w = world(['a'])
    w.engine.run({ targets: ['lines'] })
    await w.flush()
    w.pending.shift()!.resolve({ rows: [{ id: 1 }, { id: 2 }], total: 5, skipped: 3 })
    await w.engine.idle()
    const done = w.progress('done')[0]
    expect(done).toMatchObject({ rows: 2, error: { code: 'BAD_RESPONSE' } })
    expect(done?.error?.message).toMatch(/^3 of the lines .* could not be read/)
    expect(w.stored.get('a/lines')).toHaveLength(2)
    expect(w.engine.status()[0]?.lastError?.code).toBe('BAD_RESPONSE')
  })

  it('a first sync shows rows as pages arrive and says so; a re-sync keeps the old set until it is complete', async () => {
    const w = world(['a'])
    // A page goes through a few event-loop turns (its answer, the next requests leaving, the sink).
    const settle = async () => {
      for (let i = 0; i < 5; i++) await w.flush()
    }
    const page = (from: number, n: number, total: number) => ({ rows: Array.from({ length: n }, (_, k) => ({ id: from + k })), total, skipped: 0 })
    w.engine.run({ targets: ['lines'] })
    await settle()
    w.pending.shift()!.resolve(page(1, 1000, 2500))
    await settle()
    // Never synced: the first page is readable at once, the view is told, progress says 1000 of 2500.
    expect(w.stored.get('a/lines')).toHaveLength(1000)
    expect(w.events.some((e) => e.name === 'cache:changed')).toBe(true)
    expect(w.progress('running').at(-1)).toMatchObject({ rows: 1000, rowsTotal: 2500 })
    expect(w.pending.map((p) => p.action)).toEqual(['get_lines', 'get_lines'])
    w.pending.shift()!.resolve(page(1001, 1000, 2500))
    await settle()
    expect(w.stored.get('a/lines')).toHaveLength(2000)
    w.pending.shift()!.resolve(page(2001, 500, 2500))
    await w.engine.idle()
    expect(w.progress('done')[0]).toMatchObject({ rows: 2500, rowsTotal: 2500 })

    // A re-sync: nothing of the new pass is visible before its switch.
    w.engine.run({ targets: ['lines'] })
    await settle()
    w.pending.shift()!.resolve(page(5001, 1000, 1200))
    await settle()
    expect(w.stored.get('a/lines')?.map((r) => (r as { id: number }).id).slice(0, 2)).toEqual([1, 2])
    expect(w.stored.get('a/lines')).toHaveLength(2500)
    w.pending.shift()!.resolve(page(6001, 200, 1200))
    await w.engine.idle()
    expect(w.stored.get('a/lines')).toHaveLength(1200)
  })

  it('a re-sync that fails half-way leaves the old set exactly as it was', async () => {
    const w = world(['a'])
    const settle = async () => {
      for (let i = 0; i < 5; i++) await w.flush()
    }
    w.stored.set('a/lines', [{ id: 1 }, { id: 2 }])
    w.meta.set('a/lines', { syncedAt: w.ctx.now(), error: null })
    w.engine.run({ targets: ['lines'] })
    await settle()
    w.pending.shift()!.resolve({ rows: Array.from({ length: 1000 }, (_, k) => ({ id: 100 + k })), total: 3000, skipped: 0 })
    await settle()
    w.pending.shift()!.reject(new AppError('AUTH_INVALID', 'bad key'))
    await w.engine.idle()
    expect(w.progress('failed')[0]?.error?.code).toBe('AUTH_INVALID')
    expect(w.stored.get('a/lines')).toEqual([{ id: 1 }, { id: 2 }])
  })

  it("the open view's resource goes before the rest of a full sync", async () => {
    const w = world(['a'])
    w.engine.run({ targets: ['lines', 'mags', 'enigmas', 'activecodes', 'subResellers'] })
    await w.flush()
    // lines and mags run; the view of sub-resellers opens, then a fresh read of activation codes is asked for.
    expect(w.engine.refreshIfStale('a', 'subResellers')).toBe(true)
    void w.engine.fetchNow('a', 'activecodes').catch(() => undefined)
    await w.answer('a')
    await w.answer('a')
    const inFlight = w.pending.map((p) => p.action)
    expect(inFlight).toEqual(['get_activecodes', 'get_users'])
    while (w.pending.length > 0) await w.answer('a')
    await w.engine.idle()
    expect(w.progress('done').map((p) => p.resource)).toEqual(['lines', 'mags', 'activecodes', 'subResellers', 'enigmas'])
  })

  it('does not sync disabled panels or panels without a key in the background', async () => {
    const w = world(['a'])
    const p = w.ctx.profiles.get('a') as { enabled: boolean; hasKey: boolean }
    p.enabled = false
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(false)
    p.enabled = true
    p.hasKey = false
    expect(w.engine.refreshIfStale('a', 'lines')).toBe(false)
    expect(w.engine.run().started).toBe(0)
  })
})
