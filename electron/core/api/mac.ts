/**
 * MAC addresses. The panel validates with PHP's FILTER_VALIDATE_MAC (three
 * forms, any case) and then stores the string exactly as sent, so `aa-bb-…` and
 * `AA:BB:…` would be two different devices to it (panel-api §9.1). We therefore
 * send one canonical form: upper-case, colon-separated.
 */
import { MAC_RE } from '../../shared/writes'
import { ApiError } from './api-error'

/** The canonical form, or null when the input is not one of the three accepted forms. */
export function tryNormaliseMac(input: unknown): string | null {
  if (typeof input !== 'string') return null
  const s = input.trim()
  if (!MAC_RE.test(s)) return null
  return s.replace(/[:.-]/g, '').toUpperCase().match(/../g)!.join(':')
}

/** `aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF` or `aabb.ccdd.eeff` → `AA:BB:CC:DD:EE:FF`; throws ApiError VALIDATION otherwise. */
export function normaliseMac(input: string, action = 'mac'): string {
  const mac = tryNormaliseMac(input)
  if (mac === null) {
    throw new ApiError({
      code: 'VALIDATION',
      action,
      outcome: 'failed',
      message: `"${String(input).slice(0, 40)}" is not a MAC address: write it like 00:1A:79:12:34:56 (dashes or the aabb.ccdd.eeff form also work).`,
      details: { field: 'mac' },
    })
  }
  return mac
}
