/**
 * Arabic text is laid out right to left: a Latin command-line flag inside it
 * ("--memory-keys") would show its dashes at the wrong end ("memory-keys--")
 * unless it sits in a left-to-right isolate (U+2066 … U+2069).
 */
import { describe, expect, it } from 'vitest'
import { ar } from '../../../src/i18n/ar'

describe('Arabic catalogue', () => {
  it('puts every --flag in a left-to-right isolate', () => {
    const flags = Object.entries(ar).flatMap(([key, text]) => [...(text as string).matchAll(/(.)?(--[a-z][a-z-]*)(.)?/g)].map((m) => ({ key, before: m[1], after: m[3] })))
    expect(flags.length).toBeGreaterThan(0)
    expect(flags.filter((f) => f.before !== '\u2066' || f.after !== '\u2069')).toEqual([])
  })
})
