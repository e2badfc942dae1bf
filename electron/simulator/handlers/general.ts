/** user_info and packages (panel-api §4). */
import type { Ctx, Reply } from '../context'
import { json, success } from '../context'
import type { SimPackage } from '../model'
import { permissionsObject } from '../permissions'
import { durationMonths, officialPrice, trialPrice } from '../rules'
import { applyColumns, out } from '../shape'
import { formatDateTime } from '../time'

/** Doc `data` fields plus a few upstream ones; `permissions` is a SIBLING of `data` (panel-api §4). */
export function userInfo(ctx: Ctx): Reply {
  const { st, caller: u, group } = ctx
  const data = out(st, {
    id: u.id,
    username: u.username,
    email: u.email,
    credits: u.credits,
    status: u.status,
    reseller_dns: u.reseller_dns,
    created_at: formatDateTime(u.date_registered),
    member_group_id: u.member_group_id,
    allowed_pages: [...group.allowed_pages],
    ip: u.ip,
    date_registered: u.date_registered,
    last_login: u.last_login,
    notes: u.notes,
    owner_id: u.owner_id,
  })
  return json({
    status: 'STATUS_SUCCESS',
    data: applyColumns(ctx.params, data),
    permissions: permissionsObject(st, group, u.id),
  })
}

const PRICES = new Set(['credits', 'official_credits', 'trial_credits'])

/** Packages sold to the caller's group, official price per-user overridden and intval'd (computed → plain numbers). */
export function packages(ctx: Ctx): Reply {
  const { st, caller } = ctx
  const list = st.packages.rows.filter(
    (p) => p.groups.includes(caller.member_group_id) && (p.is_official || p.is_trial),
  )
  const xui = st.variants.packageFields === 'xui'
  return success(list.map((p) => (xui ? xuiPackage(ctx, p) : xmPackage(ctx, p))))
}

function xmPackage(ctx: Ctx, p: SimPackage): Record<string, unknown> {
  return out(
    ctx.st,
    {
      id: p.id,
      package_name: p.package_name,
      credits: officialPrice(p, ctx.caller),
      duration_months: durationMonths(p),
      is_trial: p.is_trial,
      is_official: p.is_official,
      groups: [...p.groups],
      bouquets: [...p.bouquets],
      is_line: p.is_line,
      is_mag: p.is_mag,
      is_e2: p.is_e2,
      trial_credits: trialPrice(p),
      trial_duration: p.trial_duration,
      trial_duration_in: p.trial_duration_in,
      official_duration: p.official_duration,
      official_duration_in: p.official_duration_in,
      max_connections: p.max_connections,
      is_restreamer: p.is_restreamer,
      check_compatible: p.check_compatible,
    },
    PRICES,
  )
}

/** users_packages columns; arrays are JSON text as stored. */
function xuiPackage(ctx: Ctx, p: SimPackage): Record<string, unknown> {
  return out(
    ctx.st,
    {
      id: p.id,
      package_name: p.package_name,
      is_addon: p.is_addon,
      is_trial: p.is_trial,
      is_official: p.is_official,
      trial_credits: p.trial_credits,
      official_credits: officialPrice(p, ctx.caller),
      trial_duration: p.trial_duration,
      trial_duration_in: p.trial_duration_in,
      official_duration: p.official_duration,
      official_duration_in: p.official_duration_in,
      groups: JSON.stringify(p.groups),
      bouquets: JSON.stringify(p.bouquets),
      addon_packages: '[]',
      output_formats: JSON.stringify(p.output_formats),
      is_line: p.is_line,
      is_mag: p.is_mag,
      is_e2: p.is_e2,
      is_restreamer: p.is_restreamer,
      is_isplock: p.is_isplock,
      max_connections: p.max_connections,
      force_server_id: p.force_server_id,
      forced_country: p.forced_country,
      lock_device: p.lock_device,
      check_compatible: p.check_compatible,
    },
    new Set(['official_credits']),
  )
}
