/**
 * THE table of the 44 reseller-API actions. Everything else — the typed
 * `client.call`, request encoding, what may be retried, what spends credits —
 * is derived from it. Sync, writes and bulk code introspect `ACTIONS[a].kind`
 * and `.spends`.
 *
 * - kind: 'read' actions may be retried on transport faults; 'write' actions never.
 * - spends: 'always' (create_*, adjust_credits), 'with-package' (edit_* with a
 *   `package` is an extension and is charged, panel-api §4/§7), or 'never'.
 * - method: GET for reads, POST for writes (the server accepts either, panel-api §2).
 * - normalise: the success envelope → a domain value, or null when the answer is
 *   unusable (the caller turns null into BAD_RESPONSE / OUTCOME_UNKNOWN).
 */
import type { z } from 'zod'
import { normaliseAccount } from './normalise/account'
import { normaliseActiveCode, normaliseCodeReset } from './normalise/activecode'
import type { Raw } from './normalise/coerce'
import { normaliseEnigma, normaliseMag } from './normalise/device'
import { normaliseLine } from './normalise/line'
import { normaliseList } from './normalise/list'
import { normaliseActivityLog, normaliseCreditLog, normaliseLiveConnection } from './normalise/logs'
import { normalisePackage } from './normalise/package'
import { normaliseAdjustment, normaliseSubReseller } from './normalise/sub-reseller'
import * as P from './params'

export type ActionKind = 'read' | 'write'
export type Spends = 'never' | 'always' | 'with-package'

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: ActionKind
  readonly spends: Spends
  readonly method: 'GET' | 'POST'
  readonly params: S
  /** Pairs always sent with this action (e.g. get_user's hide_columns, panel-api §10). */
  readonly fixed?: readonly (readonly [string, string])[]
  /** A paged list answering `{ rows, total, skipped }`. */
  readonly list?: true
  readonly normalise: (env: Raw, sent: Record<string, unknown>) => R | null
}

const read = <S extends z.ZodType, R>(
  params: S,
  normalise: ActionDef<S, R>['normalise'],
  extra: Pick<ActionDef, 'fixed' | 'list'> = {},
): ActionDef<S, R> => ({ kind: 'read', spends: 'never', method: 'GET', params, normalise, ...extra })
const write = <S extends z.ZodType, R>(
  params: S,
  spends: Spends,
  normalise: ActionDef<S, R>['normalise'],
): ActionDef<S, R> => ({
  kind: 'write',
  spends,
  method: 'POST',
  params,
  normalise,
})

type RowFn<T> = (v: unknown, sent?: Record<string, unknown>) => T | null
const list = <T>(row: (v: unknown) => T | null) => read(P.ListParams, (env) => normaliseList(env, row), { list: true })
const one = <T>(row: RowFn<T>) => read(P.IdParams, (env, sent) => row(env.data, sent))
const row =
  <T>(fn: RowFn<T>) =>
  (env: Raw, sent: Record<string, unknown>) =>
    fn(env.data, sent)
const toggle = () => write(P.IdParams, 'never', () => true as const)

// A declarative table: its entries look alike on purpose, one per API action, each its own params and normaliser.
export const ACTIONS = {
  // General
  user_info: read(P.NoParams, (env) => normaliseAccount(env.data, env)),
  packages: read(P.NoParams, (env) => normaliseList(env, normalisePackage)?.rows ?? null),

  // Lines
  create_line: write(P.LineCreateParams, 'always', row(normaliseLine)),
  edit_line: write(P.LineEditParams, 'with-package', row(normaliseLine)),
  get_line: one(normaliseLine),
  get_lines: list(normaliseLine),
  delete_line: toggle(),
  disable_line: toggle(),
  enable_line: toggle(),

  // MAG devices
  create_mag: write(P.DeviceCreateParams, 'always', row(normaliseMag)),
  edit_mag: write(P.DeviceEditParams, 'with-package', row(normaliseMag)),
  get_mag: one(normaliseMag),
  get_mags: list(normaliseMag),
  delete_mag: toggle(),
  disable_mag: toggle(),
  enable_mag: toggle(),
  convert_mag: write(P.IdParams, 'never', row(normaliseLine)),

  // Enigma2 devices
  create_enigma: write(P.DeviceCreateParams, 'always', row(normaliseEnigma)),
  edit_enigma: write(P.DeviceEditParams, 'with-package', row(normaliseEnigma)),
  get_enigma: one(normaliseEnigma),
  get_enigmas: list(normaliseEnigma),
  delete_enigma: toggle(),
  disable_enigma: toggle(),
  enable_enigma: toggle(),
  convert_enigma: write(P.IdParams, 'never', row(normaliseLine)),

  // Activation codes (XM-only, panel-api §9.3)
  create_activecode: write(P.ActiveCodeCreateParams, 'always', row(normaliseActiveCode)),
  edit_activecode: write(P.ActiveCodeEditParams, 'with-package', row(normaliseActiveCode)),
  get_activecode: one(normaliseActiveCode),
  get_activecodes: list(normaliseActiveCode),
  delete_activecode: toggle(),
  disable_activecode: toggle(),
  enable_activecode: toggle(),
  reset_activecode: write(P.IdParams, 'never', (env) => normaliseCodeReset(env.data)),

  // Sub-resellers (`user` in the API)
  create_user: write(P.UserCreateParams, 'always', row(normaliseSubReseller)),
  edit_user: write(P.UserEditParams, 'never', row(normaliseSubReseller)),
  // get_user without hide_columns gives an empty body on PHP 8 (panel-api §3, §10).
  get_user: read(P.IdParams, row(normaliseSubReseller), { fixed: [['hide_columns', 'password']] }),
  get_users: list(normaliseSubReseller),
  delete_user: toggle(),
  disable_user: toggle(),
  enable_user: toggle(),
  adjust_credits: write(P.AdjustCreditsParams, 'always', (env, sent) => normaliseAdjustment(env.data, sent)),

  // Logs and monitoring
  activity_logs: list(normaliseActivityLog),
  live_connections: list(normaliseLiveConnection),
  user_logs: list(normaliseCreditLog),
} as const satisfies Record<string, ActionDef>

export type Actions = typeof ACTIONS
export type ActionName = keyof Actions
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[]

/** What `client.call(a, params)` accepts for action `a`. */
export type ParamsOf<A extends ActionName> = z.input<Actions[A]['params']>
/** What `client.call(a, …)` resolves to for action `a`. */
export type ResultOf<A extends ActionName> = NonNullable<ReturnType<Actions[A]['normalise']>>

export const isActionName = (s: string): s is ActionName => Object.prototype.hasOwnProperty.call(ACTIONS, s)

/** Does this call spend credits (or move them, for adjust_credits)? */
export function spendsCredits<A extends ActionName>(action: A, params: ParamsOf<A>): boolean {
  const s = ACTIONS[action].spends
  return s === 'always' || (s === 'with-package' && (params as { package?: unknown }).package !== undefined)
}
