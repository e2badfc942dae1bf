/**
 * The one place user-visible words come from. `t('res.lines')`,
 * `t('expiry.in', { span })` → placeholders `{span}` are replaced; `tn('table.count', n)` picks the plural form.
 * Keys are typed from the catalogue, so a typo fails the typecheck.
 */
import { en } from './en'

export type MessageKey = keyof typeof en
export type Params = Record<string, string | number | null | undefined>

export function t(key: MessageKey, params?: Params): string {
  const text: string = en[key] ?? key
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name]
    return v === undefined || v === null ? m : String(v)
  })
}

/** For keys built at run time (`error.${code}`); falls back when the catalogue lacks one. */
export function tDynamic(key: string, fallback: MessageKey, params?: Params): string {
  return Object.hasOwn(en, key) ? t(key as MessageKey, params) : t(fallback, params)
}

/** Keys with plural forms: `base.one`, `base.other` (and, per language, `.zero`, `.two`, `.few`, `.many`). */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.other` ? B : never }[MessageKey]

/** The language whose plural rules apply (English until a language can be picked). */
const LOCALE = 'en'
const pluralRules = new Intl.PluralRules(LOCALE)

/**
 * A count in words: the form is chosen by Intl.PluralRules (English has
 * one/other; Arabic six forms), `{n}` is the count formatted for the locale.
 */
export function tn(key: PluralKey, n: number, params?: Params): string {
  return t(pluralForm(key, n), { ...params, n: n.toLocaleString(LOCALE) })
}

/** The catalogue key of `key`'s form for n (`.other` where the language has no own form). */
export function pluralForm(key: PluralKey, n: number): MessageKey {
  const form = `${key}.${pluralRules.select(n)}`
  return (Object.hasOwn(en, form) ? form : `${key}.other`) as MessageKey
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}
