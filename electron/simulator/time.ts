/**
 * Date arithmetic like PHP strtotime("+N unit") in the server timezone (UTC
 * here, for determinism): calendar months/years overflow like PHP, so
 * Jan 31 + 1 month = Mar 3 (Mar 2 in a leap year) (panel-api §7 Duration).
 */
import type { DurationUnit } from './model'

export function addDuration(unixSec: number, amount: number, unit: DurationUnit): number {
  switch (unit) {
    case 'hours':
      return unixSec + amount * 3600
    case 'days':
      return unixSec + amount * 86400
    case 'months':
    case 'years': {
      const d = new Date(unixSec * 1000)
      const months = unit === 'months' ? amount : amount * 12
      const ms = Date.UTC(
        d.getUTCFullYear(),
        d.getUTCMonth() + months,
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
      )
      return Math.floor(ms / 1000)
    }
  }
}

const dayCache = new Map<number, string>()

/** `FROM_UNIXTIME` style "YYYY-MM-DD HH:MM:SS" (UTC); the day part is cached for 100k-row searches. */
export function formatDateTime(unixSec: number): string {
  const day = Math.floor(unixSec / 86400)
  let datePart = dayCache.get(day)
  if (datePart === undefined) {
    datePart = new Date(day * 86400000).toISOString().slice(0, 10)
    if (dayCache.size > 50_000) dayCache.clear()
    dayCache.set(day, datePart)
  }
  const rest = unixSec - day * 86400
  const h = Math.floor(rest / 3600)
  const m = Math.floor((rest % 3600) / 60)
  const s = rest % 60
  return `${datePart} ${pad(h)}:${pad(m)}:${pad(s)}`
}

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

/** Parses "YYYY-MM-DD" as UTC midnight (unix seconds), or null. */
export function parseDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  const ms = Date.parse(text + 'T00:00:00Z')
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}
