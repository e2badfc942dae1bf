/**
 * Edits and extensions resend what the panel would otherwise blank.
 *
 * edit_* without `reseller_notes` clears the notes, and with the group's
 * allow_restrictions it also resets `allowed_ips` to [] and the ISP lock to
 * off (panel-api §4, §13). An extension is an edit_* with `package`, so it blanks
 * the same fields. So every edit is built from a FRESH read of the row merged
 * with the user's changes. The ISP lock is sent as 1 only when the final state
 * is locked and omitted otherwise: the panel tests presence, so 0 would lock it
 * (panel-api §2).
 *
 * `bouquets_selected` goes only to an account that may change bouquets (§7:
 * others have it ignored, and an extension takes the package's bouquets
 * anyway); one that may must get it, or a PHP 8 panel fails on the missing
 * parameter (§3). `mayChangeBouquets` false = the account says it may not.
 */
import type { ActiveCode, EnigmaDevice, Line, MagDevice, SubReseller } from '../../shared/domain'

export interface SubscriptionChange {
  ispLock?: boolean | undefined
  bouquets?: number[] | undefined
  notes?: string | undefined
}

function lockAndBouquets(currentLock: boolean, currentBouquets: readonly number[], change: SubscriptionChange, mayChangeBouquets = true) {
  const out: { is_isplock?: true; bouquets_selected?: number[] } = {}
  if (change.ispLock ?? currentLock) out.is_isplock = true
  const bouquets = change.bouquets ?? currentBouquets
  if (mayChangeBouquets && bouquets.length > 0) out.bouquets_selected = [...bouquets]
  return out
}

const withPackage = (packageId: number | undefined) => (packageId === undefined ? {} : { package: packageId })

export interface LineChange extends SubscriptionChange {
  username?: string | undefined
  password?: string | undefined
  allowedIps?: string[] | undefined
}

export function lineEditParams(current: Line, change: LineChange, packageId?: number, mayChangeBouquets = true) {
  return {
    id: current.id,
    ...withPackage(packageId),
    ...(change.username !== undefined && change.username !== '' ? { username: change.username } : {}),
    ...(change.password !== undefined && change.password !== '' ? { password: change.password } : {}),
    reseller_notes: change.notes ?? current.resellerNotes,
    allowed_ips: [...(change.allowedIps ?? current.allowedIps)],
    ...lockAndBouquets(current.isIspLock, current.bouquets, change, mayChangeBouquets),
  }
}

export interface DeviceChange extends SubscriptionChange {
  mac?: string | undefined
  allowedIps?: string[] | undefined
}

/** `current` is a get_mag/get_enigma row: its allowed_ips come from the device's line (panel-api §4). */
export function deviceEditParams(current: MagDevice | EnigmaDevice, change: DeviceChange, packageId?: number, mayChangeBouquets = true) {
  return {
    id: current.id,
    ...withPackage(packageId),
    ...(change.mac !== undefined && change.mac !== '' ? { mac: change.mac } : {}),
    reseller_notes: change.notes ?? current.resellerNotes,
    allowed_ips: [...(change.allowedIps ?? current.allowedIps)],
    ...lockAndBouquets(current.isIspLock, current.bouquets, change, mayChangeBouquets),
  }
}

export interface ActiveCodeChange {
  code?: string | undefined
  bouquets?: number[] | undefined
  notes?: string | undefined
}

export function activeCodeEditParams(current: ActiveCode, change: ActiveCodeChange, packageId?: number, mayChangeBouquets = true) {
  return {
    id: current.id,
    ...withPackage(packageId),
    ...(change.code !== undefined && change.code !== '' ? { code: change.code } : {}),
    reseller_notes: change.notes ?? current.resellerNotes,
    ...lockAndBouquets(current.isIspLock, current.bouquets, { bouquets: change.bouquets }, mayChangeBouquets),
  }
}

export interface SubResellerChange {
  username?: string | undefined
  password?: string | undefined
  email?: string | undefined
  memberGroupId?: number | undefined
  resellerDns?: string | undefined
  notes?: string | undefined
}

export function subResellerEditParams(current: SubReseller, change: SubResellerChange) {
  const group = change.memberGroupId ?? current.memberGroupId
  return {
    id: current.id,
    ...(change.username !== undefined && change.username !== '' ? { username: change.username } : {}),
    ...(change.password !== undefined && change.password !== '' ? { password: change.password } : {}),
    email: change.email ?? current.email,
    ...(group !== null && group > 0 ? { member_group_id: group } : {}),
    reseller_dns: change.resellerDns ?? current.resellerDns,
    notes: change.notes ?? current.notes,
  }
}
