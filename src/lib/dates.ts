/**
 * Dates as the user reads them: one format per kind of place, from Intl in
 * the UI language's locale (`intlLocale()`), so an expiry reads the same in
 * every table, every search hit and every journal line. Nothing else in the
 * page formats a date; `toLocaleString` calls are not used.
 *
 * Every function takes milliseconds (the page's clock and the journal's unit);
 * panel times are unix seconds — `fromUnix` converts.
 */
import { intlLocale, t } from '../i18n'

export type DatePlace =
  /** A list cell or a form's current expiry: the day only ("2 Dec 2026"). */
  | 'table'
  /** A list cell for a moment (a log row, the last activity): day and minute. */
  | 'tableTime'
  /** A hit in Ctrl+K or the customer search: short, the day only. */
  | 'search'
  /** The audit journal: day and time to the second, it is a record. */
  | 'journal'
  /** A drawer's field or a "synced at": day and minute. */
  | 'detail'
  /** A chart axis or tooltip: day and month. */
  | 'chart'

const PLACES: Record<DatePlace, Intl.DateTimeFormatOptions> = {
  table: { dateStyle: 'medium' },
  tableTime: { dateStyle: 'medium', timeStyle: 'short' },
  search: { dateStyle: 'short' },
  journal: { dateStyle: 'medium', timeStyle: 'medium' },
  detail: { dateStyle: 'medium', timeStyle: 'short' },
  chart: { day: 'numeric', month: 'short' },
}

/** Building an Intl formatter costs far more than using one: one per place and locale. */
const cache = new Map<string, Intl.DateTimeFormat>()

export function dateFormatter(place: DatePlace, locale = intlLocale()): Intl.DateTimeFormat {
  const key = `${locale}\u0000${place}`
  let f = cache.get(key)
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, PLACES[place])))
  return f
}

/** A moment (ms) as shown at `place`; "never" for none. */
export function formatWhen(place: DatePlace, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return t('common.never')
  return dateFormatter(place).format(ms)
}

/** A panel's unix seconds as milliseconds (null stays null). */
export function fromUnix(sec: number | null | undefined): number | null {
  return sec === null || sec === undefined ? null : sec * 1000
}
