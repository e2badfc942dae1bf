/**
 * Every catalogue has exactly the keys of the English one, the same
 * `{placeholders}` per key, and the plural forms its language's
 * Intl.PluralRules selects (issue #15, Languages).
 */
import { describe, expect, it } from 'vitest'
import { en } from '../../../src/i18n/en'
import { CATALOGUES, LANGUAGES, type Catalogue } from '../../../src/i18n/catalogue'
import { LANGUAGE_CODES } from '../../../electron/shared/languages'

const EXTRA = ['zero', 'two', 'few', 'many'] as const
const englishKeys = Object.keys(en)
const pluralBases = englishKeys.filter((k) => k.endsWith('.other') && Object.hasOwn(en, k.replace(/\.other$/, '.one'))).map((k) => k.replace(/\.other$/, ''))
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

const others = LANGUAGES.filter((l) => l.code !== 'en')

describe('the language list', () => {
  it('names every language code once, with its own name; Arabic is right-to-left', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual([...LANGUAGE_CODES])
    expect(new Set(LANGUAGES.map((l) => l.name)).size).toBe(LANGUAGES.length)
    expect(LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar'])
  })

  it.each(LANGUAGES.map((l) => l.code))('%s has a registered catalogue', (code) => {
    expect(CATALOGUES[code], `src/i18n/${code}.ts is not registered in CATALOGUES`).toBeDefined()
  })
})

describe.each(others.map((l) => l.code))('catalogue %s', (code) => {
  const cat = () => CATALOGUES[code] as Catalogue | undefined
  const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories.filter((f) => f !== 'one' && f !== 'other')

  it('has every English key and nothing else but the plural forms its language needs', () => {
    const c = cat()
    if (!c) return expect.fail(`no catalogue for ${code}`)
    const keys = Object.keys(c)
    const missing = englishKeys.filter((k) => !Object.hasOwn(c, k))
    const extraAllowed = new Set(pluralBases.flatMap((b) => needed.map((f) => `${b}.${f}`)))
    const unexpected = keys.filter((k) => !Object.hasOwn(en, k) && !extraAllowed.has(k))
    expect(missing).toEqual([])
    expect(unexpected).toEqual([])
  })

  it('keeps every key’s {placeholders} exactly', () => {
    const c = cat()
    if (!c) return expect.fail(`no catalogue for ${code}`)
    const wrong = Object.entries(c)
      .map(([k, v]) => {
        const base = k.replace(/\.(zero|two|few|many)$/, '.other')
        const english = (en as Record<string, string>)[Object.hasOwn(en, k) ? k : base]
        return english === undefined ? null : { key: k, want: placeholders(english), got: placeholders(v as string) }
      })
      .filter((x): x is { key: string; want: string[]; got: string[] } => x !== null && x.want.join() !== x.got.join())
    expect(wrong).toEqual([])
  })

  it(`has, for every plural key, the forms Intl.PluralRules('${code}') selects`, () => {
    const c = cat()
    if (!c) return expect.fail(`no catalogue for ${code}`)
    const missing = pluralBases.flatMap((b) => needed.map((f) => `${b}.${f}`)).filter((k) => !Object.hasOwn(c, k))
    const notNeeded = pluralBases.flatMap((b) => EXTRA.filter((f) => !needed.includes(f)).map((f) => `${b}.${f}`)).filter((k) => Object.hasOwn(c, k))
    expect(missing).toEqual([])
    expect(notNeeded).toEqual([])
  })

  it('has no empty text and no English left where the words differ', () => {
    const c = cat()
    if (!c) return expect.fail(`no catalogue for ${code}`)
    expect(Object.entries(c).filter(([, v]) => (v as string).trim() === '').map(([k]) => k)).toEqual([])
    // Texts with several words that are identical to English were not translated (names and codes may be).
    const same = englishKeys.filter((k) => {
      const e = (en as Record<string, string>)[k]!
      return (c as Record<string, string>)[k] === e && e.replace(/\{\w+\}/g, '').split(/\s+/).filter((w) => /^[a-z]{3,}$/i.test(w)).length >= 3
    })
    expect(same).toEqual([])
  })
})

describe('English', () => {
  it('has one and other for every plural key', () => {
    expect(pluralBases.length).toBeGreaterThan(5)
    for (const b of pluralBases) {
      expect(Object.hasOwn(en, `${b}.one`)).toBe(true)
      expect(Object.hasOwn(en, `${b}.other`)).toBe(true)
    }
  })
})
