/**
 * The languages the workstation's own words come in (issue #15). The page
 * holds the catalogues; the core only stores the choice in settings.json, so
 * the list of codes lives here where both sides can see it.
 * Customer message templates have their own language and do not follow this.
 */
import { z } from 'zod'

/** BCP 47 codes; each has a catalogue in src/i18n/<code>.ts. */
export const LANGUAGE_CODES = ['en', 'es', 'pt-BR', 'fr', 'it', 'de', 'tr', 'ar'] as const
export type LanguageCode = (typeof LANGUAGE_CODES)[number]

/** Settings → Language: 'system' follows the OS (the nearest supported language, else English). */
export const LanguageChoice = z.enum(['system', ...LANGUAGE_CODES])
export type LanguageChoice = z.infer<typeof LanguageChoice>
