/**
 * THE contract between the main process and the page: every method the page
 * may call and every event it may receive, each with a runtime schema.
 *
 * - main binds exactly these names (`ipcMain.handle`), validating args first;
 * - preload builds `window.xm` from these names (`'lines:create'` → `xm.lines.create`);
 * - the loopback host serves the same names as JSON-RPC methods;
 * - the renderer's handle is typed from `XmApi` below.
 * Adding a feature = a method here + a service function + a store action + a view.
 */
import { z } from 'zod'
import {
  AccountInfo,
  ActiveCode,
  EnigmaDevice,
  Line,
  MagDevice,
  Package,
  Resource,
  SubReseller,
} from './domain'
import { customerMethods } from './contract-customers'
import type { Result } from './errors'
import { Profile, ProfileInput } from './profile'
import {
  ActiveCodeCreate,
  ActiveCodeEdit,
  AdjustCredits,
  DeviceCreate,
  DeviceEdit,
  Extend,
  ItemRef,
  LineCreate,
  LineEdit,
  ProfileRef,
  Quote,
  QuoteResult,
  SubResellerCreate,
  SubResellerEdit,
  WriteResult,
} from './writes'
import {
  AppInfo,
  Diagnostics,
  BulkPlan,
  BulkPlanInput,
  BulkRun,
  CacheQuery,
  CreditHistory,
  CreditSummary,
  CustomerLinks,
  JournalEntry,
  JournalFilter,
  PanelStatus,
  QueryResult,
  SearchHit,
  Settings,
  SyncProgress,
} from './views'

const method = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result })
const none = z.object({}).strict()
const done = z.object({ done: z.literal(true) })
const csv = z.object({ filename: z.string(), csv: z.string() })
const ByProfile = ProfileRef.strict()
const ById = ItemRef.strict()
const RunRef = z.object({ runId: z.string().min(1).max(64) }).strict()

/** A connection test's answer: who the key belongs to, the balance, how long it took. */
const ConnectionTest = z.object({
  username: z.string(),
  credits: z.number(),
  latencyMs: z.number(),
  // A plain-http panel that also answers over https: where (the page offers the switch).
  https: z.object({ port: z.number().int() }).nullable().optional(),
})

/** Read one object fresh from the panel (and refresh the cache with it). */
const get = <R extends z.ZodType>(row: R) => method(ById, row)

// A declarative table: its entries look alike on purpose, one per method, each its own schemas.
export const methods = {
  // App
  'app:info': method(none, AppInfo),
  // Web links and the message links (sms:, mailto:); the core allows only links the app builds (core/app/external-links.ts).
  'app:openExternal': method(
    z.object({ url: z.string().max(8000).regex(/^(https?:\/\/|sms:|mailto:)/i, 'Only web and message links can be opened.') }).strict(),
    done,
  ),
  // Damaged data files the user has read (they leave the banner; a journal problem then stops blocking spending).
  'app:ackProblem': method(z.object({ id: z.string().min(1).max(100) }).strict(), done),
  'app:diagnostics': method(none, Diagnostics),
  'app:openLogs': method(none, done),
  'settings:get': method(none, Settings),
  'settings:set': method(Settings.partial().strict(), Settings),
  'demo:start': method(none, Profile),

  // Panels and keys
  'profiles:list': method(none, z.array(Profile)),
  'profiles:create': method(ProfileInput.strict(), Profile),
  'profiles:update': method(z.object({ profileId: z.string(), patch: ProfileInput.partial().strict() }).strict(), Profile),
  'profiles:remove': method(ByProfile, done),
  'profiles:reorder': method(z.object({ profileIds: z.array(z.string()).max(200) }).strict(), z.array(Profile)),
  'profiles:test': method(ByProfile, ConnectionTest),
  // What is IN the panel form, saved or not: its address, with the key the user typed (or the saved panel's key
  // when none was typed). The key goes into the core for this one call only; it is never answered, kept or logged.
  'profiles:testDraft': method(
    z
      .object({
        endpoint: ProfileInput.pick({ scheme: true, host: true, port: true, accessCode: true }).strict(),
        apiKey: z.string().trim().min(1).max(128).optional(),
        profileId: z.string().optional(),
      })
      .strict(),
    ConnectionTest,
  ),
  'profiles:export': method(none, csv),
  'profiles:import': method(
    z.object({ json: z.string().max(1_000_000) }).strict(),
    z.object({ added: z.number().int(), skipped: z.number().int() }),
  ),
  'keys:set': method(
    z.object({ profileId: z.string(), apiKey: z.string().trim().min(1).max(128) }).strict(),
    z.object({ hasKey: z.boolean(), keyHint: z.string().nullable(), backend: z.enum(['keychain', 'memory']) }),
  ),
  'keys:clear': method(ByProfile, done),

  // Cached reads (answer at once from SQLite; a refresh runs if stale)
  'cache:query': method(CacheQuery.strict(), QueryResult),
  // The exact total of a page whose total was a lower bound (QueryResult.totalIsLowerBound);
  // null when a newer count of the same list took its place.
  'cache:count': method(CacheQuery.strict(), z.object({ total: z.number().int().nullable() })),
  'search:global': method(
    z.object({ text: z.string().min(1).max(100), limit: z.number().int().min(1).max(100).optional() }).strict(),
    z.array(SearchHit),
  ),
  // The panel's own row behind a cached one, as it sent it in the last sync (api_key redacted).
  'cache:raw': method(z.object({ profileId: z.string(), resource: Resource, id: z.number().int() }).strict(), z.unknown()),
  'packages:list': method(ByProfile, z.array(Package)),
  'account:get': method(ByProfile, AccountInfo.nullable()),
  'links:get': method(
    z.object({ profileId: z.string(), resource: z.enum(['lines', 'mags', 'enigmas']), id: z.number().int() }).strict(),
    CustomerLinks,
  ),
  'spend:quote': method(Quote.strict(), QuoteResult),

  // Sync
  'sync:run': method(
    z.object({ profileIds: z.array(z.string()).max(200).optional(), resources: z.array(Resource).optional() }).strict(),
    z.object({ started: z.number().int() }),
  ),
  'sync:cancel': method(z.object({ profileId: z.string().optional() }).strict(), done),
  'sync:status': method(none, z.array(PanelStatus)),

  // Lines
  'lines:get': get(Line),
  'lines:create': method(LineCreate.strict(), WriteResult),
  'lines:edit': method(LineEdit.strict(), WriteResult),
  'lines:extend': method(Extend.strict(), WriteResult),
  'lines:delete': method(ById, WriteResult),
  'lines:enable': method(ById, WriteResult),
  'lines:disable': method(ById, WriteResult),

  // MAG devices
  'mags:get': get(MagDevice),
  'mags:create': method(DeviceCreate.strict(), WriteResult),
  'mags:edit': method(DeviceEdit.strict(), WriteResult),
  'mags:extend': method(Extend.strict(), WriteResult),
  'mags:delete': method(ById, WriteResult),
  'mags:enable': method(ById, WriteResult),
  'mags:disable': method(ById, WriteResult),
  'mags:convert': method(ById, WriteResult),

  // Enigma2 devices
  'enigmas:get': get(EnigmaDevice),
  'enigmas:create': method(DeviceCreate.strict(), WriteResult),
  'enigmas:edit': method(DeviceEdit.strict(), WriteResult),
  'enigmas:extend': method(Extend.strict(), WriteResult),
  'enigmas:delete': method(ById, WriteResult),
  'enigmas:enable': method(ById, WriteResult),
  'enigmas:disable': method(ById, WriteResult),
  'enigmas:convert': method(ById, WriteResult),

  // Activation codes
  'activecodes:get': get(ActiveCode),
  'activecodes:create': method(ActiveCodeCreate.strict(), WriteResult),
  'activecodes:edit': method(ActiveCodeEdit.strict(), WriteResult),
  'activecodes:extend': method(Extend.strict(), WriteResult),
  'activecodes:delete': method(ById, WriteResult),
  'activecodes:enable': method(ById, WriteResult),
  'activecodes:disable': method(ById, WriteResult),
  'activecodes:reset': method(ById, WriteResult),

  // Sub-resellers
  'subResellers:get': get(SubReseller),
  'subResellers:create': method(SubResellerCreate.strict(), WriteResult),
  'subResellers:edit': method(SubResellerEdit.strict(), WriteResult),
  'subResellers:delete': method(ById, WriteResult),
  'subResellers:enable': method(ById, WriteResult),
  'subResellers:disable': method(ById, WriteResult),
  'subResellers:adjustCredits': method(AdjustCredits.strict(), WriteResult),

  // Credits monitor
  'credits:summary': method(none, z.array(CreditSummary)),
  'credits:history': method(
    z.object({ profileId: z.string(), days: z.number().int().min(1).max(365) }).strict(),
    CreditHistory,
  ),
  'credits:refresh': method(z.object({ profileId: z.string().optional() }).strict(), done),
  'credits:setPaused': method(z.object({ paused: z.boolean() }).strict(), z.object({ paused: z.boolean() })),

  // Audit journal
  'journal:query': method(JournalFilter.strict(), z.object({ rows: z.array(JournalEntry), total: z.number().int() })),
  'journal:exportCsv': method(JournalFilter.strict(), csv),
  'journal:reconcile': method(z.object({ id: z.number().int() }).strict(), JournalEntry),
  'journal:decide': method(
    z.object({ id: z.number().int(), outcome: z.enum(['succeeded', 'failed']), note: z.string().max(500) }).strict(),
    JournalEntry,
  ),

  // Bulk operations
  'bulk:plan': method(BulkPlanInput.strict(), BulkPlan),
  'bulk:start': method(z.object({ planId: z.string().min(1).max(64) }).strict(), BulkRun),
  'bulk:pause': method(RunRef, BulkRun),
  'bulk:resume': method(RunRef, BulkRun),
  'bulk:cancel': method(RunRef, BulkRun),
  'bulk:status': method(RunRef, BulkRun),
  'bulk:retryFailed': method(RunRef, BulkRun),
  'bulk:exportCsv': method(RunRef, csv),

  // Customers, renewal radar, messages, prices, payments, backup (contract-customers.ts)
  ...customerMethods,
} as const

/** Events main → page. Each becomes `xm.<ns>.on<Name>(cb)` returning an unsubscribe. */
export const events = {
  'sync:progress': SyncProgress,
  'credits:changed': z.array(CreditSummary),
  'panel:status': PanelStatus,
  'cache:changed': z.object({ profileId: z.string(), resource: z.string() }),
  'journal:changed': z.object({ id: z.number().int() }),
  'bulk:progress': BulkRun,
  'app:command': z.object({ command: z.enum(['open-credits', 'open-panels', 'open-radar', 'refresh-all']) }),
} as const

export type MethodName = keyof typeof methods
export type EventName = keyof typeof events
export type MethodArgs<M extends MethodName> = z.input<(typeof methods)[M]['args']>
export type MethodValue<M extends MethodName> = z.output<(typeof methods)[M]['result']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const METHOD_NAMES = Object.keys(methods) as MethodName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]

// Where each name sits on the page's handle, and the name check: one definition, in the zod-free list.
export { eventPath, isEventName, isMethodName, methodPath } from './contract-names'

type Ns<N extends string> = N extends `${infer A}:${string}` ? A : never
type Fn<N extends string, A extends string> = N extends `${A}:${infer F}` ? F : never
// `Record<never, never>` (= {}): zod 4 types a strict empty object as Record<string, never>, which `object` does not extend.
type ArgList<M extends MethodName> = Record<never, never> extends MethodArgs<M> ? [args?: MethodArgs<M>] : [args: MethodArgs<M>]

type MethodsOf<A extends string> = {
  [M in MethodName as Fn<M, A>]: (...args: ArgList<M>) => Promise<Result<MethodValue<M>>>
}
type EventsOf<A extends string> = {
  [E in EventName as `on${Capitalize<Fn<E, A>>}`]: (cb: (payload: EventPayload<E>) => void) => () => void
}

/** The page's handle: `window.xm` in Electron, the WebSocket client in a browser. */
export type XmApi = {
  [A in Ns<MethodName> | Ns<EventName>]: MethodsOf<A> & EventsOf<A>
}

/** The main side implements this: one async function per method, args already validated. */
export type ContractHandlers = {
  [M in MethodName]: (args: z.output<(typeof methods)[M]['args']>) => Promise<MethodValue<M>>
}

/** Parses the page's argument list; `undefined` becomes `{}` for argument-less methods. */
export function parseArgs<M extends MethodName>(name: M, raw: unknown) {
  return methods[name].args.safeParse(raw === undefined ? {} : raw) as z.ZodSafeParseResult<
    z.output<(typeof methods)[M]['args']>
  >
}

