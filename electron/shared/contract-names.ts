/**
 * The contract's method and event NAMES only, without zod: the sandboxed
 * preload and the renderer's WebSocket handle build `xm` from these lists and
 * must not bundle every schema (and zod) just to learn the names.
 *
 * `contract.ts` stays the source of truth. This file is checked against it
 * twice: at compile time (the `Exact` assertions below fail the typecheck when
 * a name is missing or extra) and at run time (test/unit/main/contract-consumers.test.ts
 * compares the lists). The path functions and `isMethodName` live here only;
 * contract.ts re-exports them.
 * Only type imports from contract.ts here — they are erased, so no zod at run time.
 */
import type { EventName, MethodName } from './contract'
import { RESOURCE_METHOD_NAMES } from './resources'

export const METHOD_NAMES = [
  'app:info',
  'app:openExternal',
  'app:ackProblem',
  'app:diagnostics',
  'app:openLogs',
  'settings:get',
  'settings:set',
  'demo:start',
  'profiles:list',
  'profiles:create',
  'profiles:update',
  'profiles:remove',
  'profiles:reorder',
  'profiles:test',
  'profiles:testDraft',
  'profiles:export',
  'profiles:import',
  'keys:set',
  'keys:clear',
  'cache:query',
  'cache:count',
  'search:global',
  'cache:raw',
  'packages:list',
  'account:get',
  'links:get',
  'spend:quote',
  'sync:run',
  'sync:cancel',
  'sync:status',
  // Each resource's get and writes, from its descriptor (shared/resources.ts).
  ...RESOURCE_METHOD_NAMES,
  'credits:summary',
  'credits:history',
  'credits:refresh',
  'credits:setPaused',
  'journal:query',
  'journal:exportCsv',
  'journal:reconcile',
  'journal:decide',
  'bulk:plan',
  'bulk:start',
  'bulk:pause',
  'bulk:resume',
  'bulk:cancel',
  'bulk:status',
  'bulk:retryFailed',
  'bulk:exportCsv',
  // Customer book (contract-customers.ts)
  'customers:status',
  'customers:list',
  'customers:get',
  'customers:create',
  'customers:update',
  'customers:remove',
  'customers:attach',
  'customers:detach',
  'customers:owners',
  'customers:importPreview',
  'customers:importApply',
  'customers:exportCsv',
  'reminders:radar',
  'reminders:snooze',
  'reminders:markLost',
  'reminders:getSettings',
  'reminders:setSettings',
  'reminders:templates',
  'reminders:saveTemplate',
  'reminders:resetTemplate',
  'reminders:compose',
  'reminders:logSend',
  'prices:get',
  'prices:set',
  'payments:record',
  'payments:list',
  'payments:remove',
  'payments:profit',
  'payments:exportCsv',
  'backup:export',
  'backup:list',
  'backup:create',
  'backup:preview',
  'backup:restore',
  'backup:setKeep',
] as const satisfies readonly MethodName[]

export const EVENT_NAMES = [
  'sync:progress',
  'credits:changed',
  'panel:status',
  'cache:changed',
  'journal:changed',
  'bulk:progress',
  'app:command',
] as const satisfies readonly EventName[]

// Compile-time completeness: a method or event added to contract.ts but not here
// makes one of these `true` types unassignable.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _methodsComplete: Exact<(typeof METHOD_NAMES)[number], MethodName> = true
const _eventsComplete: Exact<(typeof EVENT_NAMES)[number], EventName> = true
void _methodsComplete
void _eventsComplete

/** `'lines:create'` → `['lines', 'create']`: where a method sits on the page's handle. */
export function methodPath(name: string): [string, string] {
  const [ns, fn] = name.split(':') as [string, string]
  return [ns, fn]
}
/** `'sync:progress'` → `['sync', 'onProgress']`: where an event's subscribe function sits. */
export function eventPath(name: string): [string, string] {
  const [ns, ev] = name.split(':') as [string, string]
  return [ns, 'on' + ev.charAt(0).toUpperCase() + ev.slice(1)]
}

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES)
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES)
export const isMethodName = (s: unknown): s is MethodName => typeof s === 'string' && methodSet.has(s)
export const isEventName = (s: unknown): s is EventName => typeof s === 'string' && eventSet.has(s)

type Leaf = (...args: never[]) => unknown

/**
 * The page's handle as a frozen tree, the same for both transports (the preload over IPC,
 * the WebSocket client): `xm.lines.create(args)` → `call('lines:create', args)`,
 * `xm.sync.onProgress(cb)` → `subscribe('sync:progress', cb)`, which returns the unsubscribe.
 */
export function buildHandle(
  call: (name: MethodName, args?: unknown) => unknown,
  subscribe: (name: EventName, cb: (payload: unknown) => void) => () => void,
): Readonly<Record<string, Readonly<Record<string, Leaf>>>> {
  const tree: Record<string, Record<string, Leaf>> = {}
  for (const name of METHOD_NAMES) {
    const [ns, fn] = methodPath(name)
    // Exactly one argument crosses: the args object (the core validates it).
    ;(tree[ns] ??= {})[fn] = ((args?: unknown) => call(name, args)) as Leaf
  }
  for (const name of EVENT_NAMES) {
    const [ns, on] = eventPath(name)
    ;(tree[ns] ??= {})[on] = ((cb: (payload: unknown) => void) => subscribe(name, cb)) as Leaf
  }
  for (const ns of Object.keys(tree)) Object.freeze(tree[ns])
  return Object.freeze(tree)
}
