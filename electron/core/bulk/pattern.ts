/**
 * Names for bulk creates: prefix + counter ("shop0001", "shop0002", …) or
 * prefix + random characters. Lines use the panel's credential alphabet
 * (panel-api §9.2); activation codes use digits (panel-api §9.3).
 */
import { PANEL_ALPHABET, randomString, type RandomInt } from '../writes/generate'
import { randomInt } from 'node:crypto'

export interface CreatePattern {
  count: number
  prefix: string
  mode: 'counter' | 'random'
  startAt: number
  digits: number
}

const DIGITS = '0123456789'

/** `count` distinct keys. Random keys that repeat are drawn again. */
export function patternKeys(p: CreatePattern, kind: 'username' | 'code', rnd: RandomInt = (n) => randomInt(n)): string[] {
  if (p.mode === 'counter') {
    return Array.from({ length: p.count }, (_, i) => p.prefix + String(p.startAt + i).padStart(p.digits, '0'))
  }
  const alphabet = kind === 'code' ? DIGITS : PANEL_ALPHABET
  const space = alphabet.length ** p.digits
  if (space < p.count * 4) {
    throw new RangeError(`${p.digits} random characters give too few distinct names for ${p.count} items; use more characters.`)
  }
  const seen = new Set<string>()
  const out: string[] = []
  while (out.length < p.count) {
    const key = p.prefix + randomString(alphabet, p.digits, rnd)
    const folded = key.toLowerCase()
    if (seen.has(folded)) continue
    seen.add(folded)
    out.push(key)
  }
  return out
}
