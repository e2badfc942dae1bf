/**
 * The one place user-visible words come from. `t('res.lines')`,
 * `t('expiry.in', { span })` → placeholders `{span}` are replaced; `tn('table.count', n)` picks the plural form.
 * Keys are typed from the English catalogue, so a typo fails the typecheck.
 *
 * The current language is a ref: templates and computeds that call t() follow a
 * change at once (Settings → Language). Numbers and dates use `intlLocale()`.
 */
import { readonly, ref } from 'vue'
import { LANGUAGE_CODES, LanguageChoice, type LanguageCode } from '../../electron/shared/languages'
import { en } from './en'
import { CATALOGUES, LANGUAGES, type Catalogue, type Language, type MessageKey, type PluralKey } from './catalogue'

export type { Catalogue, Language, MessageKey, PluralKey }
export { LANGUAGES }
export type Params = Record<string, string | number | null | undefined>

/**
 * The last choice applied, kept in the page (a preference, like the layout) so
 * the next start is in the right language before the settings have arrived.
 */
const STORED_CHOICE = 'xm.language'
function storedChoice(): LanguageChoice | undefined {
  try {
    const parsed = LanguageChoice.safeParse(globalThis.localStorage?.getItem(STORED_CHOICE))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
function storeChoice(choice: LanguageChoice): void {
  try {
    globalThis.localStorage?.setItem(STORED_CHOICE, choice)
  } catch {
    // No storage (a locked-down profile): the next start waits for the settings, no harm.
  }
}

const current = ref<LanguageCode>('en')

/** The language the words are in now (read-only; change it with setLanguage). */
export const language = readonly(current)

/** Languages whose catalogue is registered: what the picker offers. */
export function availableLanguages(): Language[] {
  return LANGUAGES.filter((l) => CATALOGUES[l.code] !== undefined)
}

export function setLanguage(code: LanguageCode): void {
  current.value = CATALOGUES[code] ? code : 'en'
}

export function languageInfo(code: LanguageCode = current.value): Language {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0]!
}

/**
 * The supported language nearest to the OS's preferred ones (the page's
 * navigator.languages): an exact tag first (pt-BR), then the same language in
 * another region (es-MX → es, pt-PT → pt-BR); English when none is supported.
 */
export function nearestLanguage(preferred: readonly string[]): LanguageCode {
  const supported = availableLanguages().map((l) => l.code)
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    const exact = supported.find((c) => c.toLowerCase() === lower)
    if (exact) return exact
    const primary = lower.split(/[-_]/)[0]
    const near = supported.find((c) => c.toLowerCase().split('-')[0] === primary)
    if (near) return near
  }
  return 'en'
}

/** The OS's preferred languages as the page knows them (none outside a browser). */
export function osLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []
  if (navigator.languages?.length) return navigator.languages
  return navigator.language ? [navigator.language] : []
}

/** Settings' choice → the language used: 'system' follows the OS. */
export function resolveLanguage(choice: LanguageChoice | undefined, preferred: readonly string[] = osLanguages()): LanguageCode {
  if (choice && choice !== 'system' && (LANGUAGE_CODES as readonly string[]).includes(choice) && CATALOGUES[choice]) return choice
  return nearestLanguage(preferred)
}

/**
 * The locale for Intl number and date formats: the OS's own tag when it is the
 * same language (en-GB dates for a British English user, de-AT for Austria),
 * else the language's code.
 */
export function intlLocale(): string {
  const code = current.value
  if (code.includes('-')) return code
  const own = osLanguages().find((tag) => tag.toLowerCase().split(/[-_]/)[0] === code)
  return own && Intl.NumberFormat.supportedLocalesOf(own).length > 0 ? own : code
}

function catalogue(): Catalogue {
  return CATALOGUES[current.value] ?? en
}

export function t(key: MessageKey, params?: Params): string {
  // English only covers a key added after a catalogue was written; the parity test keeps that from shipping.
  const text: string = catalogue()[key] ?? en[key] ?? key
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

const rulesByLanguage = new Map<LanguageCode, Intl.PluralRules>()
function pluralRules(): Intl.PluralRules {
  let rules = rulesByLanguage.get(current.value)
  if (!rules) rulesByLanguage.set(current.value, (rules = new Intl.PluralRules(current.value)))
  return rules
}

/**
 * A count in words: the form is chosen by the language's Intl.PluralRules
 * (English one/other; Arabic six forms), `{n}` is the count formatted for the locale.
 */
export function tn(key: PluralKey, n: number, params?: Params): string {
  return t(pluralForm(key, n), { ...params, n: n.toLocaleString(intlLocale()) })
}

/** The catalogue key of `key`'s form for n (`.other` where the catalogue has no own form). */
export function pluralForm(key: PluralKey, n: number): MessageKey {
  const form = `${key}.${pluralRules().select(n)}`
  return (Object.hasOwn(catalogue(), form) ? form : `${key}.other`) as MessageKey
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

/**
 * Settings' choice applied to the page: the words, and `<html lang dir>` so
 * the browser lays Arabic out right to left and picks fonts and hyphenation.
 * Before the settings are read (undefined), the last choice applied is used.
 */
export function applyLanguage(choice: LanguageChoice | undefined): LanguageCode {
  if (choice !== undefined) storeChoice(choice)
  setLanguage(resolveLanguage(choice ?? storedChoice()))
  if (typeof document !== 'undefined') {
    const info = languageInfo()
    document.documentElement.lang = info.code
    document.documentElement.dir = info.dir
  }
  return current.value
}
