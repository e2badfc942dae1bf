/** Dates, durations and numbers as the user reads them. Times from the API are unix seconds. */
import { intlLocale, pluralForm, t, tn, type PluralKey } from '../i18n'
import { formatWhen, fromUnix, type DatePlace } from './dates'

const DAY = 86_400

/**
 * A panel's unix time as a day ("2 Dec 2026") or a day and minute, in the
 * format of the place it is shown at (src/lib/dates.ts). Kept for the callers
 * that hold unix seconds; the place is part of the name.
 */
export function formatDate(sec: number | null | undefined, place: DatePlace = 'table'): string {
  return formatWhen(place, fromUnix(sec))
}

export function formatDateTime(sec: number | null | undefined, place: DatePlace = 'detail'): string {
  return formatWhen(place, fromUnix(sec))
}

/** "expires 2 Dec 2026" / "expired 1 Dec 2026" / "unlimited", dated as `place` shows days. */
export function expiryOn(sec: number | null, nowSec: number, place: DatePlace): string {
  if (sec === null) return t('expiry.unlimited')
  const date = formatWhen(place, sec * 1000)
  return sec <= nowSec ? t('expiry.expiredOn', { date }) : t('expiry.expiresOn', { date })
}

/** "in 3 days" / "expired 2 days ago" / "unlimited". */
export function expiryRelative(expDate: number | null, nowSec: number): string {
  if (expDate === null) return t('expiry.unlimited')
  const diff = expDate - nowSec
  const abs = Math.abs(diff)
  const span =
    abs < 3600
      ? t('span.minutes', { n: Math.max(1, Math.round(abs / 60)) })
      : abs < DAY
        ? t('span.hours', { n: Math.round(abs / 3600) })
        : tn('span.days', Math.round(abs / DAY))
  return diff > 0 ? t('expiry.in', { span }) : t('expiry.ago', { span })
}

/** "12 minutes ago" from a millisecond timestamp. */
export function agoMs(ms: number | null | undefined, nowMs: number): string {
  if (ms === null || ms === undefined) return t('common.never')
  const s = Math.max(0, Math.round((nowMs - ms) / 1000))
  if (s < 45) return t('ago.justNow')
  if (s < 3600) return tn('ago.minutes', Math.max(1, Math.round(s / 60)))
  if (s < DAY) return tn('ago.hours', Math.round(s / 3600))
  return tn('ago.days', Math.round(s / DAY))
}

/** A count in the language's digits and grouping (1,234 / 1.234 / 1 234). */
export function formatNumber(n: number): string {
  return n.toLocaleString(intlLocale())
}

/** An amount of money in the language's format; the currency is the user's own (Prices). */
export function formatMoney(n: number, currency: string): string {
  return n.toLocaleString(intlLocale(), { style: 'currency', currency })
}

export function formatCredits(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  return n.toLocaleString(intlLocale(), { maximumFractionDigits: 2 })
}

export function formatEta(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return ''
  const s = Math.round(ms / 1000)
  if (s < 60) return t('eta.seconds', { n: s })
  return t('eta.minutes', { n: Math.round(s / 60) })
}

const UNITS: Record<string, PluralKey> = { hours: 'unit.hours', days: 'unit.days', months: 'unit.months', years: 'unit.years' }

/**
 * A package's duration as the panel gives it (`1`, `months`): "1 month",
 * "3 months". A duration of 0 makes an item that is expired at once
 * (docs/panel-api.md §7), and says so.
 */
export function formatDuration(n: number, unit: string): string {
  if (!(n > 0)) return t('duration.none')
  const key = UNITS[unit.toLowerCase().replace(/s?$/, 's')]
  return t('duration.value', { n: n.toLocaleString(intlLocale()), unit: key ? t(pluralForm(key, n)) : unit })
}
