/**
 * Credentials and codes the CLIENT chooses when the user leaves them empty.
 * Choosing them here (not letting the panel do it) makes a create whose answer
 * was lost findable afterwards: we know the username or code to look for
 * (panel-api §13: idempotency only via caller-chosen username or code).
 */
import { randomInt } from 'node:crypto'
import type { AccountInfo } from '../../shared/domain'

/** The panel's own alphabet for generated credentials: no 0/1/i/l/o/I/L/O (panel-api §9.2). */
export const PANEL_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ'
const DIGITS = '0123456789'
const DEFAULT_CODE_LENGTH = 10

export type RandomInt = (maxExclusive: number) => number
const cryptoInt: RandomInt = (max) => randomInt(max)

export function randomString(alphabet: string, length: number, rnd: RandomInt = cryptoInt): string {
  let s = ''
  for (let i = 0; i < length; i++) s += alphabet[rnd(alphabet.length)]!
  return s
}

/** Like the panel's generateString(max(10, minimum_length)). */
export function credentialLength(minLength: number | undefined): number {
  return Math.max(10, minLength ?? 0)
}

export function generateUsername(account: AccountInfo | null, rnd?: RandomInt): string {
  return randomString(PANEL_ALPHABET, credentialLength(account?.permissions.minUsernameLength), rnd)
}

export function generatePassword(account: AccountInfo | null, rnd?: RandomInt): string {
  return randomString(PANEL_ALPHABET, credentialLength(account?.permissions.minPasswordLength), rnd)
}

/** Activation codes are digits (the field-reported 10-digit codes, panel-api §9.3), within the group's min/max. */
export function codeLength(account: AccountInfo | null): number {
  const min = account?.permissions.minCodeLength ?? null
  const max = account?.permissions.maxCodeLength ?? null
  let n = min !== null && min > 0 ? min : DEFAULT_CODE_LENGTH
  if (max !== null && max > 0 && n > max) n = max
  return Math.min(32, Math.max(4, n))
}

export function generateCode(account: AccountInfo | null, rnd: RandomInt = cryptoInt): string {
  const n = codeLength(account)
  // A leading zero can be lost if any system treats the code as a number.
  return String(1 + rnd(9)) + randomString(DIGITS, n - 1, rnd)
}
