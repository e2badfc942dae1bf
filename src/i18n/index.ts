/**
 * The one place user-visible words come from. `t('res.lines')`,
 * `t('span.days', { n: 3 })` → placeholders `{n}` are replaced.
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

/** n with the singular or plural key. */
export function tCount(one: MessageKey, many: MessageKey, n: number): string {
  return t(n === 1 ? one : many, { n: n.toLocaleString() })
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}
