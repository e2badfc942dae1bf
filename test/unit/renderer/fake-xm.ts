/**
 * An in-memory XmApi for renderer tests: the methods the stores and forms use,
 * over a few panels, lines and packages. Every call is recorded in `calls`;
 * `failNext` makes the next call of a method answer an error; `hold` keeps a
 * method's answers pending until released (to test "in flight" states).
 * Unimplemented methods answer INTERNAL, so a test notices it touched one.
 */
import type { XmApi } from '../../../electron/shared/contract'
import type { AccountInfo, Line, Package } from '../../../electron/shared/domain'
import type { AppErrorShape, Result } from '../../../electron/shared/errors'
import type { Profile } from '../../../electron/shared/profile'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'
import type { CacheQuery, Settings } from '../../../electron/shared/views'
import { itemStatus } from '../../../electron/shared/status'
import { balanceAfterCharge, isEnough, packagePrice, quote } from '../../../electron/core/writes/cost'
import * as rows from '../../helpers/rows'

type Handler = (args: any) => unknown | Promise<unknown>

export interface FakeXm {
  xm: XmApi
  calls: { method: string; args: any }[]
  callsOf(method: string): any[]
  failNext(method: string, error: AppErrorShape): void
  hold(method: string): { release(): void }
  emit(event: string, payload: unknown): void
  /** The method table itself: a test may add or replace a method (an object the panel changed, a device). */
  handlers: Record<string, Handler>
  state: { profiles: Profile[]; lines: (Line & { profileId: string })[]; packages: Package[]; credits: number; account: AccountInfo; reconcileNext: boolean; balanceUnreadNext: boolean; settings: Settings }
}

export function profile(id: string, name: string, over: Partial<Profile> = {}): Profile {
  return { ...PROFILE_DEFAULTS, id, name, host: 'panel.test', accessCode: 'abc', order: 0, createdAt: 0, hasKey: true, keyHint: 'abcd', ...over }
}

/** A package of the fake panel: `credits` is its official price. */
export function pkg(id: number, name: string, credits: number, over: Partial<Package> = {}): Package {
  return rows.pkg(id, { name, officialCredits: credits, ...over })
}

/** A cached line as the core lists it to the page (with its panel), dated after the real clock's now. */
export function line(id: number, over: Partial<Line> = {}): Line & { profileId: string } {
  return { ...rows.line(id, { password: `pass${id}xyz`, memberId: 1, ownerName: 'me', expDate: 2_000_000_000, createdAt: 1_700_000_000, bouquets: [] }), profileId: 'p1', ...over }
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export function createFakeXm(opts: { profiles?: Profile[]; lines?: number; credits?: number } = {}): FakeXm {
  const state = {
    profiles: opts.profiles ?? [profile('p1', 'Main')],
    lines: Array.from({ length: opts.lines ?? 120 }, (_, i) => line(i + 1, { enabled: i % 10 !== 0 })),
    packages: [pkg(1, '1 Month', 5), pkg(2, '3 Months', 13), pkg(3, 'Trial day', 0, { isTrial: true, isOfficial: false }), pkg(4, 'MAG only', 6, { isLine: false })],
    credits: opts.credits ?? 100,
    /** The next write answers as core does after settling a lost answer by reading the panel. */
    reconcileNext: false,
    /** The next write answers as core does when the balance could not be read after it. */
    balanceUnreadNext: false,
    settings: { closeToTray: true, startHidden: false, startAtLogin: false, monitorPaused: false, offlineAlertMinutes: 10, theme: 'system', language: 'system' } as Settings,
    account: rows.account(opts.credits ?? 100),
  }
  const calls: { method: string; args: any }[] = []
  const failures = new Map<string, AppErrorShape>()
  const holds = new Map<string, Promise<void>>()

  /** The cached lines a list query matches, in its order. */
  const matching = (q: CacheQuery) => {
    let rows = state.lines.filter((r) => q.profileIds === 'all' || q.profileIds.includes(r.profileId))
    if (q.search) rows = rows.filter((r) => r.username.includes(q.search!))
    if (q.status?.length) rows = rows.filter((r) => q.status!.some((s) => s === 'trial' ? r.isTrial : itemStatus(r, 1_800_000_000) === s))
    if (q.sort) {
      const { column, dir } = q.sort
      rows = [...rows].sort((a, b) => (String((a as any)[column]) < String((b as any)[column]) ? -1 : 1) * (dir === 'asc' ? 1 : -1))
    }
    return rows
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  let nextId = 10_000

  const write = (cost: number, item: Record<string, unknown> | null, extra: Record<string, unknown> | null = null) => {
    const before = state.credits
    state.credits = balanceAfterCharge(state.credits, cost)!
    state.account = { ...state.account, credits: state.credits }
    if (state.reconcileNext) {
      state.reconcileNext = false
      extra = { ...(extra ?? {}), reconciled: true, evidence: 'found by username' }
    }
    const balanceAfter = state.balanceUnreadNext ? null : state.credits
    state.balanceUnreadNext = false
    return { journalId: 1, cost, balanceBefore: before, balanceAfter, item, extra }
  }
  // Prices and balances by the core's own rule (writes/cost.ts, panel-api §7: intval'd prices and
  // balance), so a page test cannot pass on arithmetic the real core would not do.
  const price = (packageId: number, trial?: boolean) => {
    const p = state.packages.find((x) => x.id === packageId)
    return p ? packagePrice(p, trial ?? false) : 0
  }

  const handlers: Record<string, Handler> = {
    'profiles:list': () => state.profiles,
    'profiles:create': (a) => {
      const p = profile(`p${state.profiles.length + 1}`, a.name, { ...a, hasKey: false, keyHint: null })
      state.profiles.push(p)
      return p
    },
    'profiles:update': (a) => {
      const p = state.profiles.find((x) => x.id === a.profileId)!
      Object.assign(p, a.patch)
      return { ...p }
    },
    'profiles:reorder': (a: { profileIds: string[] }) => {
      state.profiles = a.profileIds.map((id, order) => ({ ...state.profiles.find((p) => p.id === id)!, order }))
      return state.profiles
    },
    'profiles:test': () => ({ username: 'me', credits: state.credits, latencyMs: 5 }),
    'profiles:testDraft': () => ({ username: 'me', credits: state.credits, latencyMs: 5 }),
    'keys:set': (a) => ({ hasKey: true, keyHint: String(a.apiKey).slice(-4), backend: 'memory' }),
    'app:info': () => ({ version: '0', platform: 'linux', dataDir: '/tmp', keyBackend: 'memory', keychainProblem: null, transport: 'loopback', demoAvailable: true }),
    // Damaged data files and diagnostics (engineer G)
    'app:ackProblem': () => ({ done: true }),
    'app:diagnostics': () => ({ text: 'XM Reseller Desk diagnostics\nApp version: 0 (loopback)' }),
    'app:openLogs': () => ({ done: true }),
    'settings:get': () => state.settings,
    'settings:set': (a) => (state.settings = { ...state.settings, ...a }),
    'demo:start': () => {
      const p = profile('demo', 'Demo panel')
      state.profiles.push(p)
      return p
    },
    'sync:status': () => [],
    'sync:run': () => ({ started: 1 }),
    'credits:summary': () =>
      state.profiles.map((p) => ({ profileId: p.id, name: p.name, color: p.color, credits: state.credits, updatedAt: 0, state: 'ok', burnPerDay: null, forecastDays: null, sparkline: [] })),
    'packages:list': () => state.packages,
    'account:get': () => state.account,
    'spend:quote': (a) => quote(a, state.packages, { ...state.account, credits: state.credits }),
    'cache:query': (q: CacheQuery) => {
      const rows = matching(q)
      return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length, panels: [{ profileId: 'p1', syncedAt: Date.now(), freshness: 'fresh', error: null }] }
    },
    'cache:count': (q: CacheQuery) => ({ total: matching(q).length }),
    'lines:get': (a) => state.lines.find((l) => l.id === a.id),
    // What a panel sends: snake_case, numbers as strings; line 2 has no raw copy kept.
    'cache:raw': (a) => {
      const l = state.lines.find((x) => x.id === a.id && x.profileId === a.profileId)
      return l && l.id !== 2 ? { id: String(l.id), username: l.username, exp_date: String(l.expDate), is_stalker: '0' } : null
    },
    'lines:create': (a) => {
      const l = line(++nextId, { username: a.username ?? `gen${nextId}`, packageId: a.packageId, isTrial: a.trial })
      state.lines.unshift(l)
      return write(price(a.packageId, a.trial), l)
    },
    'lines:extend': (a) => write(price(a.packageId), state.lines.find((l) => l.id === a.id) ?? null),
    'lines:disable': (a) => {
      const l = state.lines.find((x) => x.id === a.id)!
      l.enabled = false
      return write(0, { ...l })
    },
    'lines:enable': (a) => {
      const l = state.lines.find((x) => x.id === a.id)!
      l.enabled = true
      return write(0, { ...l })
    },
    'mags:create': (a) => write(price(a.packageId, a.trial), { id: ++nextId, mac: a.mac }),
    'search:global': (a) =>
      state.lines.filter((l) => l.username.includes(a.text)).slice(0, a.limit ?? 20).map((l) => ({ profileId: l.profileId, resource: 'lines', id: l.id, title: l.username, subtitle: '' })),
    'journal:query': () => ({ rows: [], total: 0 }),
    'bulk:plan': (a) => {
      const items = (a.ids ?? []).map((id: number) => ({ key: String(id), label: `user${id}`, cost: a.operation === 'extend' ? price(a.packageId) : 0, state: 'queued', reason: null, journalId: null, result: null }))
      const totalCost = items.reduce((n: number, i: { cost: number }) => n + i.cost, 0)
      return { planId: 'plan1', items, unresolved: [], totalCost, balance: state.credits, balanceAfter: balanceAfterCharge(state.credits, totalCost), enough: isEnough(state.credits, totalCost), unlimited: 0 }
    },
    'bulk:start': () => ({ runId: 'run1', state: 'running', stoppedReason: null, counts: { total: 2, succeeded: 0, failed: 0, unknown: 0, pending: 2, skipped: 0 }, etaMs: 1000, items: [] }),
    'bulk:pause': () => ({ runId: 'run1', state: 'paused', stoppedReason: null, counts: { total: 2, succeeded: 1, failed: 0, unknown: 0, pending: 1, skipped: 0 }, etaMs: null, items: [] }),
  }

  const call = async (method: string, args: unknown): Promise<Result<unknown>> => {
    calls.push({ method, args })
    const held = holds.get(method)
    if (held) await held
    const failure = failures.get(method)
    if (failure) {
      failures.delete(method)
      return { ok: false, error: failure }
    }
    const h = handlers[method]
    if (!h) return { ok: false, error: { code: 'INTERNAL', message: `fake-xm: ${method} not implemented` } }
    try {
      // A copy, as over IPC: the page never shares objects with main.
      return ok(structuredClone(await h(args ?? {})))
    } catch (e) {
      // A core function the fake borrows (writes/cost.ts) refused: the page gets it as an error, as over IPC.
      const err = e as { code?: unknown; message?: unknown }
      if (typeof err.code !== 'string') throw e
      return { ok: false, error: { code: err.code, message: String(err.message) } as AppErrorShape }
    }
  }

  const xm = new Proxy({} as Record<string, unknown>, {
    get: (_t, ns: string) =>
      new Proxy({} as Record<string, unknown>, {
        get: (_u, fn: string) => {
          if (fn.startsWith('on') && fn.length > 2) {
            const event = `${ns}:${fn.charAt(2).toLowerCase()}${fn.slice(3)}`
            return (cb: (p: unknown) => void) => {
              const set = listeners.get(event) ?? new Set()
              set.add(cb)
              listeners.set(event, set)
              return () => set.delete(cb)
            }
          }
          return (args?: unknown) => call(`${ns}:${fn}`, args)
        },
      }),
  }) as unknown as XmApi

  return {
    xm,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    failNext: (method, error) => failures.set(method, error),
    hold: (method) => {
      let release!: () => void
      holds.set(method, new Promise<void>((r) => (release = r)))
      return {
        release: () => {
          holds.delete(method)
          release()
        },
      }
    },
    emit: (event, payload) => listeners.get(event)?.forEach((cb) => cb(payload)),
    handlers,
    state,
  }
}
