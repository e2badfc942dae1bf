/**
 * MAG and Enigma2 rows → MagDevice / EnigmaDevice (panel-api §4, §5, §6):
 * - list rows: `id` is the LINE id and `mag_id` / `device_id` the device id
 *   (the one the *_mag / *_enigma actions take);
 * - get/create/edit rows: the device table row (`mag_id`, `user_id`, `mac`, …) with
 *   the device's line in a `user` sub-object (username, password, exp_date, …);
 * - a panel that sends only `id` for the device is read as such.
 * Line fields are taken from the row first, then from `user`.
 */
import type { EnigmaDevice, MagDevice } from '../../../shared/domain'
import { bool, int, intList, isObject, rowId, text, textList, textOrNull, unix, type Raw, type Sent } from './coerce'
import { enabledOf } from './line'
import { tryNormaliseMac } from '../mac'

/** Panel-created devices may carry any accepted MAC form; show and key them canonically. */
export function readMac(v: unknown): string {
  const t = text(v)
  return tryNormaliseMac(t) ?? t
}

function fieldReader(row: Raw, user: Raw | null): (key: string) => unknown {
  if (user === null) return (key) => row[key]
  return (key) => {
    const v = row[key]
    return v === undefined || v === null ? user[key] : v
  }
}

type DeviceCommon = Omit<MagDevice, 'stbType'>

function normaliseDevice(v: unknown, deviceIdKey: 'mag_id' | 'device_id', sent: Sent): DeviceCommon | null {
  if (!isObject(v)) return null
  const s = sent ?? {}
  const devId = rowId(v[deviceIdKey])
  const id = devId ?? rowId(v.id)
  if (id === null) return null
  const user = isObject(v.user) ? v.user : null
  const f = fieldReader(v, user)
  // user_id first: a get/create answer may carry `id` too (the device's), and only in a list
  // row, which has no user_id, is `id` the line (docs/panel-api.md §4, §5).
  const lineId = rowId(v.user_id) ?? rowId(user?.id) ?? (devId !== null ? rowId(v.id) : null)
  return {
    id,
    lineId,
    mac: readMac(f('mac') ?? s.mac),
    username: text(f('username')),
    password: text(f('password')),
    memberId: int(f('member_id')),
    ownerName: textOrNull(f('owner_name') ?? f('owner_username')),
    packageId: int(f('package_id') ?? s.package),
    expDate: unix(f('exp_date')),
    createdAt: unix(f('created_at') ?? f('created')),
    enabled: enabledOf(f('enabled'), f('status')),
    adminEnabled: bool(f('admin_enabled'), true),
    isTrial: bool(f('is_trial'), false),
    isIspLock: bool(f('is_isplock'), false),
    maxConnections: int(f('max_connections')),
    activeConnections: int(f('active_connections')),
    // On the device's line (`user`) in get/create/edit answers; absent from list rows (panel-api §4, §5).
    allowedIps: textList(f('allowed_ips')),
    bouquets: intList(f('bouquet') ?? f('bouquets')),
    resellerNotes: text(f('reseller_notes') ?? s.reseller_notes),
  }
}

export function normaliseMag(v: unknown, sent?: Sent): MagDevice | null {
  const d = normaliseDevice(v, 'mag_id', sent)
  if (d === null) return null
  return { ...d, stbType: text((v as Raw).stb_type) }
}

export function normaliseEnigma(v: unknown, sent?: Sent): EnigmaDevice | null {
  const d = normaliseDevice(v, 'device_id', sent)
  if (d === null) return null
  return { ...d, publicIp: text((v as Raw).public_ip) }
}
