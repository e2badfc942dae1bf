/**
 * What lines, device lines and activation codes share: the ordered pre-checks of
 * create/edit (panel-api §7 steps 0..5), applying a package (expiry, bouquets, limits),
 * the fields every edit rewrites (panel-api §4 edit_line: notes blanked, allowed_ips
 * and is_isplock reset unless resent), how a create/edit is charged and recorded,
 * and get/delete/toggle of lines and codes.
 */
import type { Ctx, Reply } from '../context'
import { arr, bare, charge, echoError, failure, filtered, idParam, recordWrite, str, success } from '../context'
import type { Flag, SimLine, SimPackage, SimSubscription, SimUserLog, SimulatorState } from '../model'
import { type PackageType, checkPackage, ispLockFrom, newExpiry, resolveBouquets } from '../rules'
import { truthy } from '../php'
import { applyColumns } from '../shape'

/** Fields a subscription row (line or activation code) carries; SimActiveCode has them all too. */
export type SubFields = Pick<
  SimLine,
  | 'member_id'
  | 'exp_date'
  | 'bouquet'
  | 'allowed_outputs'
  | 'max_connections'
  | 'is_restreamer'
  | 'is_trial'
  | 'is_isplock'
  | 'allowed_ips'
  | 'package_id'
  | 'reseller_notes'
  | 'contact'
  | 'force_server_id'
  | 'forced_country'
>

export interface SubSpec {
  pkgType: PackageType
  whitelist: readonly string[]
  /** Group may create this kind at all (step 0). */
  allowed(ctx: Ctx): boolean
}

export interface Charge {
  pkg: SimPackage
  isTrial: boolean
  cost: number
}

export type Pre<T> = { ok: true; value: T } | { ok: false; reply: Reply }

/** Create steps 0..5: NO_PERMISSIONS (bare), then package checks echoing the filtered request. */
export function precheckCreate(ctx: Ctx, spec: SubSpec): Pre<Charge> {
  if (!spec.allowed(ctx)) return { ok: false, reply: bare('STATUS_NO_PERMISSIONS') }
  const chk = checkPackage(ctx.st, ctx.caller, ctx.group, ctx.params, spec.pkgType, ctx.nowSec)
  if (!chk.ok) return { ok: false, reply: echoError(chk.status, filtered(ctx.params, spec.whitelist)) }
  return { ok: true, value: { pkg: chk.pkg, isTrial: chk.isTrial, cost: chk.cost } }
}

/**
 * Edit steps: no permission → NO_PERMISSIONS; unknown id → FAILURE; outside the
 * caller's tree → NO_PERMISSIONS; with `package` → the package checks (extension).
 */
export function precheckEdit<T>(
  ctx: Ctx,
  spec: SubSpec,
  find: (id: number) => T | undefined,
  ownerOf: (row: T) => number | null,
): Pre<{ row: T; ext: Charge | null }> {
  if (!spec.allowed(ctx)) return { ok: false, reply: bare('STATUS_NO_PERMISSIONS') }
  const id = idParam(ctx.params)
  const row = id === null ? undefined : find(id)
  if (row === undefined) return { ok: false, reply: failure() }
  const owner = ownerOf(row)
  if (owner === null || !ctx.tree.has(owner)) return { ok: false, reply: bare('STATUS_NO_PERMISSIONS') }
  if (!truthy(ctx.params['package'])) return { ok: true, value: { row, ext: null } }
  const chk = checkPackage(ctx.st, ctx.caller, ctx.group, ctx.params, spec.pkgType, ctx.nowSec)
  if (!chk.ok)
    return {
      ok: false,
      reply: echoError(chk.status, { id: str(ctx.params, 'id'), ...filtered(ctx.params, spec.whitelist) }),
    }
  return { ok: true, value: { row, ext: { pkg: chk.pkg, isTrial: chk.isTrial, cost: chk.cost } } }
}

/** Looks up an owned row for get/delete/toggle; anything else is a bare FAILURE (matches [NEW] ownership checks). */
export function ownedRow<T>(
  ctx: Ctx,
  find: (id: number) => T | undefined,
  ownerOf: (row: T) => number | null,
): T | undefined {
  const id = idParam(ctx.params)
  const row = id === null ? undefined : find(id)
  if (row === undefined) return undefined
  const owner = ownerOf(row)
  return owner !== null && ctx.tree.has(owner) ? row : undefined
}

/** `member_id` creates the item for a sub-reseller in the caller's tree; otherwise the caller owns it. */
export function ownerFor(ctx: Ctx): number {
  const raw = str(ctx.params, 'member_id')
  const id = raw === undefined ? NaN : Number.parseInt(raw, 10)
  return Number.isInteger(id) && ctx.tree.has(id) ? id : ctx.caller.id
}

/** The subscription columns of a new line or code before its package and the request are applied. */
export function blankSubscription(ctx: Ctx, id: number, owner: number): SimSubscription {
  return {
    id,
    member_id: owner,
    exp_date: null,
    admin_enabled: 1,
    enabled: 1,
    admin_notes: '',
    reseller_notes: '',
    bouquet: [],
    allowed_outputs: [],
    max_connections: 1,
    is_restreamer: 0,
    is_trial: 0,
    is_isplock: 0,
    allowed_ips: [],
    created_at: ctx.nowSec,
    force_server_id: 0,
    forced_country: '',
    package_id: null,
    contact: '',
  }
}

/** Applies a package on create or extension; extension overwrites the package-derived fields (panel-api §7). */
export function applyPackage(ctx: Ctx, row: SubFields, charge: Charge, isCreate: boolean): void {
  const { st } = ctx
  const prev = row.package_id === null ? undefined : st.packages.get(row.package_id)
  row.exp_date = newExpiry(isCreate ? null : row, charge.pkg, charge.isTrial, ctx.nowSec, prev)
  row.bouquet = resolveBouquets(st, charge.pkg.bouquets, arr(ctx.params, 'bouquets_selected'), ctx.group)
  row.allowed_outputs = [...charge.pkg.output_formats]
  row.max_connections = charge.pkg.max_connections
  row.is_restreamer = charge.pkg.is_restreamer
  row.force_server_id = charge.pkg.force_server_id
  row.forced_country = charge.pkg.forced_country
  row.is_trial = charge.isTrial ? 1 : 0
  row.package_id = charge.pkg.id
  if (!ctx.group.allow_restrictions) row.is_isplock = charge.pkg.is_isplock
}

/**
 * Fields every create/edit writes from the request, faithfully: missing
 * `reseller_notes`/`contact` blank them; with allow_restrictions, `allowed_ips`
 * and `is_isplock` are taken from the request (absent → [] and 0) (panel-api §4).
 */
export function applyRequestFields(ctx: Ctx, row: SubFields, extended: boolean): void {
  const { params, group } = ctx
  row.reseller_notes = str(params, 'reseller_notes') ?? ''
  row.contact = str(params, 'contact') ?? ''
  if (group.allow_restrictions) {
    row.is_isplock = ispLockFrom(params, ctx.st.variants.isplock)
    row.allowed_ips = (arr(params, 'allowed_ips') ?? []).filter((ip) => ip !== '')
  }
  const selected = arr(params, 'bouquets_selected')
  if (!extended && selected && group.allow_change_bouquets) {
    const pkg = row.package_id === null ? undefined : ctx.st.packages.get(row.package_id)
    row.bouquet = resolveBouquets(ctx.st, pkg ? pkg.bouquets : row.bouquet, selected, group)
  }
}

/**
 * How every create ends, once the row is stored: charge the package price, then
 * the ledger entry and the users_logs `new` row. `key` is the natural key the
 * item was created under (username, code, MAC); `logId` the new row's id.
 */
export function finishCreate(
  ctx: Ctx,
  row: SubFields,
  chg: Charge,
  type: SimUserLog['type'],
  key: string,
  logId: number,
): void {
  charge(ctx.caller, chg.cost)
  recordWrite(ctx, {
    kind: 'new',
    target: `${type}:${key}`,
    cost: chg.cost,
    log: { type, action: 'new', log_id: logId, package_id: row.package_id },
  })
}

/**
 * How every edit ends (lines, device lines, codes): with `package` it is an
 * extension (package applied, charged, logged `extend`), without it a free
 * `edit`; the request fields are rewritten either way. `row` carries the
 * subscription (a device's line); `type:id` names the item in the ledger and log.
 */
export function finishEdit(ctx: Ctx, row: SubFields, ext: Charge | null, type: SimUserLog['type'], id: number): void {
  if (ext) applyPackage(ctx, row, ext, false)
  applyRequestFields(ctx, row, ext !== null)
  const cost = ext?.cost ?? 0
  charge(ctx.caller, cost)
  const action = ext ? 'extend' : 'edit'
  recordWrite(ctx, {
    kind: action,
    target: `${type}:${id}`,
    cost,
    log: { type, action, log_id: id, package_id: row.package_id },
  })
}

/** A line or activation code as get/delete/enable/disable see it: a row of the caller's tree, by `id`. */
export interface OwnedKind<T> {
  type: 'line' | 'activecode'
  find(st: SimulatorState, id: number): T | undefined
  remove(st: SimulatorState, id: number): void
  row(st: SimulatorState, r: T): Record<string, unknown>
}

/** get/delete/toggle of lines and activation codes; all free, and a row outside the tree is a bare FAILURE. */
export function ownedActions<T extends { id: number; member_id: number | null; enabled: Flag }>(kind: OwnedKind<T>) {
  const own = (ctx: Ctx): T | undefined =>
    ownedRow(
      ctx,
      (id) => kind.find(ctx.st, id),
      (r) => r.member_id,
    )
  const get = (ctx: Ctx): Reply => {
    const r = own(ctx)
    return r ? success(applyColumns(ctx.params, kind.row(ctx.st, r))) : failure()
  }
  const del = (ctx: Ctx): Reply => {
    const r = own(ctx)
    if (!r) return failure()
    kind.remove(ctx.st, r.id)
    recordWrite(ctx, { kind: 'delete', target: `${kind.type}:${r.id}`, cost: 0 })
    return success()
  }
  const toggle =
    (enabled: 0 | 1) =>
    (ctx: Ctx): Reply => {
      const r = own(ctx)
      if (!r) return failure()
      r.enabled = enabled
      recordWrite(ctx, { kind: enabled ? 'enable' : 'disable', target: `${kind.type}:${r.id}`, cost: 0 })
      return success()
    }
  return { own, get, del, toggle }
}
