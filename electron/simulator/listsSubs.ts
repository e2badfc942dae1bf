/** Subscription lists: get_lines, get_mags, get_enigmas, get_activecodes (panel-api §5 columns and index maps). */
import type { Ctx } from './context'
import type { SimActiveCode, SimLine } from './model'
import { activecodeRow, lineListRow, ownerName } from './rows'
import { type Built, type Row, exp, lineOwnerName, ownerScope, subFilter } from './listScopes'

export function linesList(ctx: Ctx): Built<SimLine> {
  const { st } = ctx
  const inScope = ownerScope(ctx)
  const owner = (l: SimLine): string | null => ownerName(st, l.member_id)
  return {
    rows: st.lines.rows,
    spec: {
      scope: (l) => l.is_mag === 0 && l.is_e2 === 0 && inScope(l.member_id),
      filter: subFilter<SimLine>(ctx, (l) => l, false),
      search: (l) => [l.username, l.password, owner(l), exp(l.exp_date), l.max_connections, l.reseller_notes],
      order: [
        (l) => l.id,
        (l) => l.username,
        (l) => l.password,
        owner,
        (l) => l.enabled - l.admin_enabled,
        (l) => (l.active_connections > 0 ? 1 : 0),
        (l) => l.is_trial,
        (l) => l.active_connections,
        (l) => l.max_connections,
        (l) => l.exp_date,
        (l) => l.last_activity,
        false,
      ],
      storageOrderIndex: 0,
    },
    project: (l) => lineListRow(st, l),
  }
}

export function devicesList<T extends { user_id: number; mac: string }>(
  ctx: Ctx,
  rows: readonly T[],
  project: (d: T) => Row,
  third: (d: T) => string,
): Built<T> {
  const { st } = ctx
  const inScope = ownerScope(ctx)
  const line = (d: T): SimLine | undefined => st.lines.get(d.user_id)
  return {
    rows,
    spec: {
      scope: (d) => inScope(line(d)?.member_id ?? null),
      filter: subFilter<T>(ctx, line, true),
      search: (d) => {
        const l = line(d)
        return [
          l?.username ?? null,
          d.mac,
          third(d),
          lineOwnerName(st, l),
          exp(l?.exp_date ?? null),
          l?.reseller_notes ?? null,
        ]
      },
      order: [
        (d) => d.user_id,
        (d) => line(d)?.username ?? null,
        (d) => d.mac,
        third,
        (d) => lineOwnerName(st, line(d)),
        (d) => line(d)?.enabled ?? null,
        (d) => line(d)?.active_connections ?? null,
        (d) => line(d)?.is_trial ?? null,
        (d) => line(d)?.exp_date ?? null,
      ],
      storageOrderIndex: 0, // device and line ids grow together
    },
    project,
  }
}

export function codesList(ctx: Ctx): Built<SimActiveCode> {
  const { st } = ctx
  const inScope = ownerScope(ctx)
  const owner = (a: SimActiveCode): string | null => ownerName(st, a.member_id)
  return {
    rows: st.activecodes.rows,
    spec: {
      scope: (a) => inScope(a.member_id),
      filter: subFilter<SimActiveCode>(ctx, (a) => a, false),
      search: (a) => [a.code, owner(a), exp(a.exp_date), a.reseller_notes],
      order: [
        (a) => a.id,
        (a) => a.code,
        owner,
        (a) => a.enabled - a.admin_enabled,
        (a) => a.is_trial,
        (a) => a.package_id,
        (a) => a.exp_date,
        (a) => a.created_at,
      ],
      storageOrderIndex: 0,
    },
    project: (a) => activecodeRow(st, a),
  }
}
