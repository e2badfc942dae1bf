/**
 * Per-request context handed to action handlers, reply constructors and the
 * write bookkeeping (ledger + users_logs) every applied write goes through.
 */
import type { LedgerEntry, Params, WriteKind } from './types'
import type { SimGroup, SimUser, SimUserLog, SimulatorState } from './model'
import { intval } from './php'

export interface Ctx {
  st: SimulatorState
  caller: SimUser
  group: SimGroup
  params: Params
  action: string
  nowSec: number
  /** The caller plus every sub-reseller under it, recursively. */
  tree: Set<number>
}

/** `json` bodies are encoded like PHP json_encode; `raw` is sent as is (e.g. the literal `null` of panel-api §5). */
export type Reply = { kind: 'json'; body: Record<string, unknown> } | { kind: 'raw'; text: string }

export const json = (body: Record<string, unknown>): Reply => ({ kind: 'json', body })
export const success = (data?: unknown): Reply =>
  json(data === undefined ? { status: 'STATUS_SUCCESS' } : { status: 'STATUS_SUCCESS', data })
/** Lookup/toggle failures and permission refusals: no data (panel-api §8). */
export const bare = (status: string): Reply => json({ status })
export const failure = (): Reply => bare('STATUS_FAILURE')
/** Processing errors echo the filtered request in `data` (panel-api §8). */
export const echoError = (status: string, data: Record<string, unknown>): Reply => json({ status, data })

export function str(params: Params, key: string): string | undefined {
  const v = params[key]
  return typeof v === 'string' ? v : undefined
}

/** `name[]` values; a scalar sent without brackets counts as one element. */
export function arr(params: Params, key: string): string[] | undefined {
  const v = params[key]
  if (v === undefined) return undefined
  return Array.isArray(v) ? v : [v]
}

/** Request parameters kept after the per-resource whitelist (ResellerAPI::processData, panel-api §4). */
export function filtered(params: Params, whitelist: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of whitelist) if (params[key] !== undefined) out[key] = params[key]
  return out
}

/** Numeric id param, or null when absent/garbage. */
export function idParam(params: Params): number | null {
  const raw = str(params, 'id')
  if (raw === undefined) return null
  const id = intval(raw)
  return id > 0 ? id : null
}

/** Per-action request whitelists, written out as the panel lists them: alike on purpose, so each reads against panel-api §4. */
export const WHITELIST = {
  line: [
    'trial',
    'bouquets_selected',
    'pair_id',
    'username',
    'password',
    'member_id',
    'package',
    'contact',
    'reseller_notes',
    'allowed_ips',
    'allowed_ua',
    'bypass_ua',
    'is_isplock',
    'isp_clear',
  ],
  mag: [
    'trial',
    'bouquets_selected',
    'pair_id',
    'mac',
    'member_id',
    'package',
    'parent_password',
    'sn',
    'stb_type',
    'image_version',
    'hw_version',
    'device_id',
    'device_id2',
    'ver',
    'reseller_notes',
    'allowed_ips',
    'is_isplock',
    'isp_clear',
  ],
  enigma: [
    'trial',
    'bouquets_selected',
    'pair_id',
    'mac',
    'member_id',
    'package',
    'modem_mac',
    'local_ip',
    'enigma_version',
    'cpu',
    'lversion',
    'token',
    'reseller_notes',
    'allowed_ips',
    'is_isplock',
    'isp_clear',
  ],
  activecode: [
    'trial',
    'bouquets_selected',
    'code',
    'member_id',
    'package',
    'reseller_notes',
    'allowed_ips',
    'is_isplock',
  ],
  user: ['username', 'password', 'owner_id', 'email', 'reseller_dns', 'notes', 'member_group_id'],
} as const

export interface WriteRecord {
  kind: WriteKind
  target: string
  cost: number
  /** users_logs row to add (panel-api §5/§7: new, extend, edit, adjust_credits), if any. */
  log?: Pick<SimUserLog, 'type' | 'action' | 'log_id' | 'package_id'>
}

/** Records one APPLIED write: ledger entry (exactly once) and, when given, a users_logs row. */
export function recordWrite(ctx: Ctx, rec: WriteRecord): void {
  const { st, caller } = ctx
  const balance = caller.credits
  if (rec.log) {
    st.userLogs.insert({
      id: st.nextId.userLog++,
      owner: caller.id,
      ...rec.log,
      cost: rec.cost,
      credits_after: intval(balance),
      date: ctx.nowSec,
    })
  }
  const params: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(ctx.params)) if (k !== 'api_key') params[k] = Array.isArray(v) ? [...v] : v
  const entry: LedgerEntry = {
    seq: st.ledger.length + 1,
    action: ctx.action,
    kind: rec.kind,
    target: rec.target,
    cost: rec.cost,
    balanceAfter: balance,
    at: st.now(),
    params,
  }
  st.ledger.push(entry)
}

/** Charges after the write: `credits = intval(credits) - cost` (fractions are lost, panel-api §7). */
export function charge(user: SimUser, cost: number): void {
  if (cost > 0) user.credits = intval(user.credits) - cost
}
