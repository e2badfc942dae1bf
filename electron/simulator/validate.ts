/** Input validation and generated values (panel-api §9). */
import type { Rng } from './prng'

const MAC_COLON_DASH = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}$/
const MAC_DOTTED = /^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/

/**
 * PHP FILTER_VALIDATE_MAC: `01:23:45:67:89:ab`, `01-23-45-67-89-AB`, `0123.4567.89ab`.
 * Mixed separators, bare 12 hex digits and wrong lengths are rejected (panel-api §9.1).
 */
export function isValidMac(mac: string): boolean {
  return MAC_COLON_DASH.test(mac) || MAC_DOTTED.test(mac)
}

/** Upper-case, colon-separated form; used only for ledger targets (the panel stores MACs as sent). */
export function normaliseMac(mac: string): string {
  const hex = mac.replace(/[^0-9A-Fa-f]/g, '').toUpperCase()
  return hex.match(/.{1,2}/g)?.join(':') ?? ''
}

/** generateString's alphabet: no 0/1/i/l/o/I/L/O (panel-api §9.2). */
export const CREDENTIAL_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ'

export function generateString(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += CREDENTIAL_ALPHABET[Math.floor(rng() * CREDENTIAL_ALPHABET.length)]
  return out
}

/** Auto-generated username/password length: max(10, group minimum) (panel-api §9.2). */
export function generatedLength(minimum: number): number {
  return Math.max(10, minimum)
}

/** Activation codes: digits only, no leading zero (XM examples are 10-digit numbers, panel-api §9.3). */
export function generateCode(rng: Rng, length: number): string {
  let out = String(1 + Math.floor(rng() * 9))
  for (let i = 1; i < length; i++) out += String(Math.floor(rng() * 10))
  return out
}

/** Code length from the group: default clamped into [min, max]. */
export function codeLength(def: number, min: number, max: number): number {
  const lo = Math.max(1, min)
  const hi = Math.max(lo, max)
  return Math.min(hi, Math.max(lo, def || lo))
}
