/**
 * The languages of the workstation and their catalogues (issue #15). English
 * (en.ts + en-customers.ts + en-writes.ts) defines the keys; every other
 * catalogue has exactly those keys with the same `{placeholders}`, plus the
 * plural forms its language's Intl.PluralRules asks for (Arabic: zero, two,
 * few, many; French, Spanish, Portuguese, Italian: many). The type checks the
 * keys; test/unit/i18n/catalogues.test.ts checks placeholders and plural forms.
 */
import type { en } from './en'
import type { LanguageCode } from '../../electron/shared/languages'
import { en as english } from './en'
import { es } from './es'
import { ptBR } from './pt-BR'
import { fr } from './fr'
import { it } from './it'
import { de } from './de'
import { tr } from './tr'
import { ar } from './ar'

export type MessageKey = keyof typeof en

/** Keys with plural forms: `base.one`, `base.other` (and, per language, `.zero`, `.two`, `.few`, `.many`). */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.other` ? B : never }[MessageKey]

/** Plural forms English does not have; a language adds those its Intl.PluralRules selects. */
export type ExtraPluralForm = 'zero' | 'two' | 'few' | 'many'

/** A language's words: every English key, and the extra plural forms the language needs. */
export type Catalogue = { readonly [K in MessageKey]: string } & { readonly [K in `${PluralKey}.${ExtraPluralForm}`]?: string }

export interface Language {
  readonly code: LanguageCode
  /** The language's name in itself, as the picker shows it. */
  readonly name: string
  readonly dir: 'ltr' | 'rtl'
}

export const LANGUAGES: readonly Language[] = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'it', name: 'Italiano', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
]

/**
 * Every catalogue, by language code. A language appears in the picker once its
 * catalogue is registered here; the parity test requires all of LANGUAGES.
 */
export const CATALOGUES: Partial<Record<LanguageCode, Catalogue>> = {
  en: english,
  es,
  'pt-BR': ptBR,
  fr,
  it,
  de,
  tr,
  ar,
}
