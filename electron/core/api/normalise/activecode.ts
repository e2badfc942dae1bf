/**
 * Activecode rows → ActiveCode. XM-only (panel-api §9.3): rows look like `lines`
 * rows with a `code`; a real panel's create_activecode answers WITHOUT the
 * code, so the code we sent is the fallback (else '', and the caller re-reads).
 */
import type { ActiveCode } from '../../../shared/domain'
import { first, intList, isObject, rowNormaliser, text } from './coerce'
import { readMac } from './device'
import { subscriptionOf } from './line'

export const normaliseActiveCode = rowNormaliser<ActiveCode>((v, id, s) => {
  const mac = readMac(v.mac)
  return {
    id,
    code: text(first(v, 'code', 'activation_code') ?? s.code),
    ...subscriptionOf(v, s),
    bouquets: intList(first(v, 'bouquet', 'bouquets')),
    resellerNotes: text(first(v, 'reseller_notes') ?? s.reseller_notes),
    mac: mac === '' ? null : mac,
  }
})

/** reset_activecode answers `{old_code, new_code}` (doc). Without a new code the result is unusable. */
export function normaliseCodeReset(v: unknown): { oldCode: string; newCode: string } | null {
  if (!isObject(v)) return null
  const newCode = text(v.new_code)
  if (newCode === '') return null
  return { oldCode: text(v.old_code), newCode }
}
