/**
 * Package, credit, trial and expiry rules (panel-api §7). Pure functions over the
 * state so unit tests can pin the arithmetic without HTTP.
 */
import type { Flag, SimGroup, SimPackage, SimUser, SimulatorState } from './model'
import type { Params, SimulatorVariants } from './types'
import { intval, truthy } from './php'
import { addDuration } from './time'
import { bouquetOrder } from './store'

export type PackageType = 'is_line' | 'is_mag' | 'is_e2'

/** Official price: per-user override if set, else the package's; always intval'd. */
export function officialPrice(pkg: SimPackage, user: SimUser): number {
  const override = user.override_packages[String(pkg.id)]?.official_credits
  return intval(override !== undefined && override !== null ? override : pkg.official_credits)
}

export function trialPrice(pkg: SimPackage): number {
  return intval(pkg.trial_credits)
}

export function priceOf(pkg: SimPackage, user: SimUser, isTrial: boolean): number {
  return isTrial ? trialPrice(pkg) : officialPrice(pkg, user)
}

/** Trial window: N hours if 'hours', else N days where N is the quota itself (upstream quirk, panel-api §7). */
export function trialWindowStart(group: SimGroup, nowSec: number): number {
  const n = group.total_allowed_gen_trials
  return nowSec - n * (group.total_allowed_gen_in === 'hours' ? 3600 : 86400)
}

/** The user's own trials (lines incl. device lines, and activation codes) created within the window. */
export function trialsUsed(st: SimulatorState, userId: number, since: number): number {
  let used = 0
  for (const l of st.lines.rows) if (l.is_trial && l.member_id === userId && l.created_at >= since) used++
  for (const a of st.activecodes.rows) if (a.is_trial && a.member_id === userId && a.created_at >= since) used++
  return used
}

/** canGenerateTrials (panel-api §7): setting on, balance floor, quota > 0 and not used up in the window. */
export function canGenerateTrials(st: SimulatorState, user: SimUser, group: SimGroup, nowSec: number): boolean {
  if (st.settings.disable_trial) return false
  if (user.credits < group.minimum_trial_credits) return false
  if (group.total_allowed_gen_trials <= 0) return false
  return trialsUsed(st, user.id, trialWindowStart(group, nowSec)) < group.total_allowed_gen_trials
}

export type PackageCheck = { ok: true; pkg: SimPackage; isTrial: boolean; cost: number } | { ok: false; status: string }

/**
 * Checks 1..5 of panel-api §7, in order: no package → INVALID_PACKAGE; missing or wrong
 * type → INVALID_TYPE; not sold to the group → INVALID_PACKAGE; trial refused →
 * NO_TRIALS; price > intval(balance) → INSUFFICIENT_CREDITS.
 */
export function checkPackage(
  st: SimulatorState,
  user: SimUser,
  group: SimGroup,
  params: Params,
  type: PackageType,
  nowSec: number,
): PackageCheck {
  const raw = params['package']
  if (!truthy(raw) || Array.isArray(raw)) return { ok: false, status: 'STATUS_INVALID_PACKAGE' }
  const pkg = st.packages.get(intval(raw))
  if (!pkg || !pkg[type]) return { ok: false, status: 'STATUS_INVALID_TYPE' }
  if (!pkg.groups.includes(user.member_group_id)) return { ok: false, status: 'STATUS_INVALID_PACKAGE' }
  const isTrial = truthy(params['trial'])
  if (isTrial && !canGenerateTrials(st, user, group, nowSec)) return { ok: false, status: 'STATUS_NO_TRIALS' }
  const cost = priceOf(pkg, user, isTrial)
  if (cost > intval(user.credits)) return { ok: false, status: 'STATUS_INSUFFICIENT_CREDITS' }
  return { ok: true, pkg, isTrial, cost }
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  const x = [...a].sort((p, q) => p - q)
  const y = [...b].sort((p, q) => p - q)
  return x.every((v, i) => v === y[i])
}

/** checkCompatible: the new package opts in and every delivery-relevant field matches the old one. */
export function isCompatible(prev: SimPackage | undefined, next: SimPackage): boolean {
  if (!next.check_compatible || !prev) return false
  return (
    sameList(prev.bouquets, next.bouquets) &&
    sameList(prev.output_formats, next.output_formats) &&
    prev.is_restreamer === next.is_restreamer &&
    prev.is_isplock === next.is_isplock &&
    prev.max_connections === next.max_connections &&
    prev.force_server_id === next.force_server_id &&
    prev.forced_country === next.forced_country &&
    prev.lock_device === next.lock_device
  )
}

/**
 * New exp_date. Trials always count from now. Official: from the current exp_date if it
 * is still in the future and the packages are compatible, else from now; duration 0 → now.
 */
export function newExpiry(
  current: { exp_date: number | null; package_id: number | null } | null,
  pkg: SimPackage,
  isTrial: boolean,
  nowSec: number,
  prevPkg?: SimPackage,
): number {
  if (isTrial) return addDuration(nowSec, pkg.trial_duration, pkg.trial_duration_in)
  if (pkg.official_duration <= 0) return nowSec
  const keep =
    current !== null &&
    current.exp_date !== null &&
    current.exp_date > nowSec &&
    current.package_id !== null &&
    isCompatible(prevPkg, pkg)
  const base = keep && current.exp_date !== null ? current.exp_date : nowSec
  return addDuration(base, pkg.official_duration, pkg.official_duration_in)
}

/**
 * Bouquets: the package's list; `bouquets_selected[]` narrows it only with
 * allow_change_bouquets, keeping ids in the package; nothing left → the package's list.
 * Stored sorted by the global bouquet order.
 */
export function resolveBouquets(
  st: SimulatorState,
  pkgBouquets: readonly number[],
  selected: string[] | undefined,
  group: SimGroup,
): number[] {
  let list = [...pkgBouquets]
  if (group.allow_change_bouquets && selected && selected.length > 0) {
    const wanted = new Set(selected.map((s) => intval(s)))
    const kept = list.filter((b) => wanted.has(b))
    if (kept.length > 0) list = kept
  }
  return list.sort(bouquetOrder(st))
}

/** is_isplock from the request: presence-tested upstream (isset, panel-api §2), or value-tested. */
export function ispLockFrom(params: Params, variant: SimulatorVariants['isplock']): Flag {
  const raw = params['is_isplock']
  if (raw === undefined) return 0
  if (variant === 'presence') return 1
  return truthy(raw) && intval(Array.isArray(raw) ? raw[0] : raw) !== 0 ? 1 : 0
}

/** Months shown by the doc-style `duration_months` field (0 for hour/day packages). */
export function durationMonths(pkg: SimPackage): number {
  if (pkg.official_duration_in === 'months') return pkg.official_duration
  if (pkg.official_duration_in === 'years') return pkg.official_duration * 12
  return 0
}
