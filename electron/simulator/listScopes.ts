/** Shared pieces of the list actions: filter tables, owner/range scopes (panel-api §5). */
import type { Ctx } from './context'
import { str } from './context'
import type { SimLine, SimulatorState } from './model'
import type { ListSpec } from './listEngine'
import { intval } from './php'
import { ownerName } from './rows'
import { formatDateTime, parseDay } from './time'

export type Row = Record<string, unknown>
type Sub = Pick<SimLine, 'enabled' | 'admin_enabled' | 'exp_date' | 'is_trial'>
type Pred<T> = ((row: T) => boolean) | null

export const exp = (e: number | null): string | null => (e === null ? null : formatDateTime(e))

/** Filter table for subscription rows. xm (doc): 1..5 on every list; upstream: mags/enigmas shift (3=expired, 4=trial). */
export function subFilter<T>(ctx: Ctx, get: (row: T) => Sub | undefined, deviceList: boolean): (v: number) => Pred<T> {
  const now = ctx.nowSec
  const active = (s: Sub): boolean =>
    s.admin_enabled === 1 && s.enabled === 1 && (s.exp_date === null || s.exp_date > now)
  const preds: Record<string, (s: Sub) => boolean> = {
    active,
    disabled: (s) => s.enabled === 0,
    banned: (s) => s.admin_enabled === 0,
    expired: (s) => s.exp_date !== null && s.exp_date <= now,
    trial: (s) => s.is_trial === 1,
  }
  const table =
    ctx.st.variants.filterTable === 'upstream' && deviceList
      ? ['active', 'disabled', 'expired', 'trial']
      : ['active', 'disabled', 'banned', 'expired', 'trial']
  return (v) => {
    const name = table[v - 1]
    const pred = name === undefined ? undefined : preds[name]
    if (!pred) return null
    return (row) => {
      const s = get(row)
      return s !== undefined && pred(s)
    }
  }
}

/** `reseller=<id>` narrows to one direct owner when that id is in the caller's tree. */
export function ownerScope(ctx: Ctx): (owner: number | null) => boolean {
  const raw = str(ctx.params, 'reseller')
  const only = raw === undefined ? null : intval(raw)
  if (only !== null && ctx.tree.has(only)) return (owner) => owner === only
  return (owner) => owner !== null && ctx.tree.has(owner)
}

/** `range=YYYY-MM-DD - YYYY-MM-DD`: first and last 10 characters (activity_logs, user_logs). */
export function rangeScope(ctx: Ctx): (t: number) => boolean {
  const raw = str(ctx.params, 'range')
  if (!raw || raw.length < 10) return () => true
  const from = parseDay(raw.slice(0, 10))
  const to = parseDay(raw.slice(-10))
  if (from === null || to === null) return () => true
  return (t) => t >= from && t < to + 86400
}

export function lineOwnerName(st: SimulatorState, l: SimLine | undefined): string | null {
  return l ? ownerName(st, l.member_id) : null
}

export interface Built<T> {
  rows: readonly T[]
  spec: ListSpec<T>
  project(row: T): Row
}
