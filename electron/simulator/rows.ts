/** Row builders: the JSON shape of each resource in single-row and list answers (panel-api §4-§6). */
import type { SimActiveCode, SimEnigma, SimLine, SimMag, SimSubscription, SimUser, SimulatorState } from './model'
import { createdAtField, listField, out } from './shape'
import { formatDateTime } from './time'

type Row = Record<string, unknown>

/** Doc-only `status`: 1 while neither the reseller nor the admin disabled the row. */
const docStatus = (r: { enabled: number; admin_enabled: number }): number => (r.enabled && r.admin_enabled ? 1 : 0)

/** Doc shape: `status` and a `bouquets` array; the live panel's numeric-strings shape: `bouquet` as JSON text. */
function addBouquet(st: SimulatorState, row: Row, r: SimSubscription): void {
  if (!st.variants.numericStrings) {
    row['status'] = docStatus(r)
    row['bouquets'] = [...r.bouquet]
  } else row['bouquet'] = JSON.stringify(r.bouquet)
}

/** The tail of create_line / create_activecode data per the doc examples. */
function createdTail(st: SimulatorState, r: SimSubscription): Row {
  return {
    package_id: r.package_id,
    exp_date: r.exp_date,
    is_trial: r.is_trial,
    status: docStatus(r),
    reseller_notes: r.reseller_notes,
    created_at: createdAtField(st, r.created_at, formatDateTime),
  }
}

export function ownerName(st: SimulatorState, id: number | null): string | null {
  return id === null ? null : (st.users.get(id)?.username ?? null)
}

/** get_line / edit_line data: the whole row. Doc shape has `bouquets`/`allowed_ips` arrays and `status`. */
export function lineRow(st: SimulatorState, l: SimLine): Row {
  const row: Row = {
    id: l.id,
    member_id: l.member_id,
    username: l.username,
    password: l.password,
    last_ip: l.last_ip,
    exp_date: l.exp_date,
    admin_enabled: l.admin_enabled,
    enabled: l.enabled,
    admin_notes: l.admin_notes,
    reseller_notes: l.reseller_notes,
    package_id: l.package_id,
    is_trial: l.is_trial,
    is_isplock: l.is_isplock,
  }
  addBouquet(st, row, l)
  Object.assign(row, {
    allowed_ips: listField(st, l.allowed_ips),
    allowed_outputs: listField(st, l.allowed_outputs),
    allowed_ua: listField(st, l.allowed_ua),
    max_connections: l.max_connections,
    is_restreamer: l.is_restreamer,
    is_mag: l.is_mag,
    is_e2: l.is_e2,
    is_stalker: 0,
    created_at: createdAtField(st, l.created_at, formatDateTime),
    pair_id: l.pair_id,
    force_server_id: l.force_server_id,
    forced_country: l.forced_country,
    contact: l.contact,
    last_activity: l.last_activity,
  })
  return out(st, row)
}

/** create_line data per the doc example (variant 'subset'). */
export function lineSubset(st: SimulatorState, l: SimLine): Row {
  return out(st, {
    id: l.id,
    username: l.username,
    password: l.password,
    ...createdTail(st, l),
  })
}

/** get_lines row (panel-api §5). */
export function lineListRow(st: SimulatorState, l: SimLine): Row {
  const conn = l.active_connections > 0 ? st.live.rows.find((c) => c.user_id === l.id) : undefined
  return out(st, {
    id: l.id,
    member_id: l.member_id,
    last_activity: l.last_activity,
    last_activity_array: null,
    username: l.username,
    password: l.password,
    exp_date: l.exp_date,
    admin_enabled: l.admin_enabled,
    is_restreamer: l.is_restreamer,
    enabled: l.enabled,
    admin_notes: l.admin_notes,
    reseller_notes: l.reseller_notes,
    max_connections: l.max_connections,
    is_trial: l.is_trial,
    active_connections: l.active_connections,
    owner_name: ownerName(st, l.member_id),
    stream_display_name: conn?.stream_display_name ?? null,
    stream_id: conn?.stream_id ?? null,
    last_active: l.last_activity,
  })
}

/** get_mag / get_enigma data: the device table row + `user` (its line) + `paired`. */
function deviceRow(st: SimulatorState, userId: number, device: Row): Row {
  const line = st.lines.get(userId)
  return {
    ...out(st, device),
    user: line ? lineRow(st, line) : null,
    paired: null,
  }
}

export function magRow(st: SimulatorState, m: SimMag): Row {
  return deviceRow(st, m.user_id, {
    mag_id: m.mag_id,
    user_id: m.user_id,
    mac: m.mac,
    stb_type: m.stb_type,
    sn: m.sn,
    ver: m.ver,
    image_version: m.image_version,
    hw_version: m.hw_version,
    device_id: m.device_id,
    device_id2: m.device_id2,
    parent_password: m.parent_password,
    ip: m.ip,
    lock_device: m.lock_device,
    created: m.created,
  })
}

export function enigmaRow(st: SimulatorState, e: SimEnigma): Row {
  return deviceRow(st, e.user_id, {
    device_id: e.device_id,
    user_id: e.user_id,
    mac: e.mac,
    modem_mac: e.modem_mac,
    local_ip: e.local_ip,
    public_ip: e.public_ip,
    enigma_version: e.enigma_version,
    cpu: e.cpu,
    lversion: e.lversion,
    token: e.token,
    lock_device: e.lock_device,
    created: e.created,
  })
}

/**
 * get_mags / get_enigmas row: `id` is the LINE id, the device id sits among the
 * device's own columns (panel-api §5); the rest comes from the device's line.
 */
function deviceListRow(st: SimulatorState, userId: number, device: Row): Row {
  const l = st.lines.get(userId)
  return out(st, {
    id: userId,
    username: l?.username ?? null,
    member_id: l?.member_id ?? null,
    is_isplock: l?.is_isplock ?? 0,
    ...device,
    exp_date: l?.exp_date ?? null,
    admin_enabled: l?.admin_enabled ?? 0,
    enabled: l?.enabled ?? 0,
    reseller_notes: l?.reseller_notes ?? '',
    max_connections: l?.max_connections ?? 0,
    is_trial: l?.is_trial ?? 0,
    owner_name: ownerName(st, l?.member_id ?? null),
    active_connections: l?.active_connections ?? 0,
  })
}

export function magListRow(st: SimulatorState, m: SimMag): Row {
  return deviceListRow(st, m.user_id, { mac: m.mac, stb_type: m.stb_type, mag_id: m.mag_id })
}

export function enigmaListRow(st: SimulatorState, e: SimEnigma): Row {
  return deviceListRow(st, e.user_id, { mac: e.mac, public_ip: e.public_ip, device_id: e.device_id })
}

/** Activation code row: a lines-like row with `code` (panel-api §9.3). */
export function activecodeRow(st: SimulatorState, a: SimActiveCode): Row {
  const row: Row = {
    id: a.id,
    member_id: a.member_id,
    code: a.code,
    package_id: a.package_id,
    exp_date: a.exp_date,
    is_trial: a.is_trial,
    admin_enabled: a.admin_enabled,
    enabled: a.enabled,
    is_isplock: a.is_isplock,
    max_connections: a.max_connections,
    reseller_notes: a.reseller_notes,
    admin_notes: a.admin_notes,
  }
  addBouquet(st, row, a)
  Object.assign(row, {
    allowed_ips: listField(st, a.allowed_ips),
    allowed_outputs: listField(st, a.allowed_outputs),
    contact: a.contact,
    owner_name: ownerName(st, a.member_id),
    created_at: createdAtField(st, a.created_at, formatDateTime),
  })
  return out(st, row)
}

/** create_activecode data per the doc example (+ exp_date, set at creation per panel-api §9.3). */
export function activecodeCreateData(st: SimulatorState, a: SimActiveCode): Row {
  const row: Row = { id: a.id }
  if (st.variants.activecodeCreateReturnsCode) row['code'] = a.code
  Object.assign(row, createdTail(st, a))
  return out(st, row)
}

/** get_user data: users row; never `password` nor `api_key` (matches [NEW], panel-api §4). */
export function userRow(st: SimulatorState, u: SimUser): Row {
  return out(st, {
    id: u.id,
    username: u.username,
    email: u.email,
    ip: u.ip,
    date_registered: u.date_registered,
    last_login: u.last_login,
    member_group_id: u.member_group_id,
    credits: u.credits,
    notes: u.notes,
    status: u.status,
    reseller_dns: u.reseller_dns,
    owner_id: u.owner_id,
    override_packages: st.variants.numericStrings ? JSON.stringify(u.override_packages) : u.override_packages,
    timezone: u.timezone,
  })
}

/** get_users row: dates as FROM_UNIXTIME strings (panel-api §5). */
export function userListRow(st: SimulatorState, u: SimUser, userCount: number): Row {
  return out(st, {
    id: u.id,
    status: u.status,
    is_reseller: st.groups.get(u.member_group_id)?.is_reseller ?? 0,
    notes: u.notes,
    owner_id: u.owner_id,
    credits: u.credits,
    username: u.username,
    email: u.email,
    ip: u.ip,
    date_registered: formatDateTime(u.date_registered),
    last_login: u.last_login === null ? null : formatDateTime(u.last_login),
    owner_username: ownerName(st, u.owner_id),
    group_name: st.groups.get(u.member_group_id)?.group_name ?? null,
    user_count: userCount,
  })
}
