/**
 * Activecode rows → ActiveCode. XM-only (NOTES §9.3): rows look like `lines`
 * rows with a `code`; a real panel's create_activecode answers WITHOUT the
 * code, so the code we sent is the fallback (else '', and the caller re-reads).
 */
import type { ActiveCode } from '../../../shared/domain'
import { bool, first, int, intList, isObject, rowId, text, textOrNull, unix } from './coerce'
import { readMac } from './device'
import { enabledOf, type Sent } from './line'

export function normaliseActiveCode(v: unknown, sent?: Sent): ActiveCode | null {
  if (!isObject(v)) return null
  const id = rowId(v.id)
  if (id === null) return null
  const s = sent ?? {}
  const mac = readMac(v.mac)
  return {
    id,
    code: text(first(v, 'code', 'activation_code') ?? s.code),
    memberId: int(v.member_id),
    ownerName: textOrNull(first(v, 'owner_name', 'owner_username')),
    packageId: int(first(v, 'package_id') ?? s.package),
    expDate: unix(v.exp_date),
    createdAt: unix(v.created_at),
    enabled: enabledOf(v.enabled, v.status),
    adminEnabled: bool(v.admin_enabled, true),
    isTrial: bool(v.is_trial, false),
    isIspLock: bool(v.is_isplock, false),
    bouquets: intList(first(v, 'bouquet', 'bouquets')),
    resellerNotes: text(first(v, 'reseller_notes') ?? s.reseller_notes),
    mac: mac === '' ? null : mac,
  }
}

/** reset_activecode answers `{old_code, new_code}` (doc). Without a new code the result is unusable. */
export function normaliseCodeReset(v: unknown): { oldCode: string; newCode: string } | null {
  if (!isObject(v)) return null
  const newCode = text(v.new_code)
  if (newCode === '') return null
  return { oldCode: text(v.old_code), newCode }
}
