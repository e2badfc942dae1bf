/**
 * Issue #15 (dates): one format per kind of place, from Intl in the UI
 * language's locale; nothing in the page formats a date any other way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dateFormatter, formatWhen, fromUnix } from '../../../src/lib/dates'
import { expiryOn, formatDate, formatDateTime } from '../../../src/lib/format'

const AT = Date.UTC(2026, 11, 2, 12, 34, 56) // 2 Dec 2026, midday: the same day in every time zone

describe('date formats per place', () => {
  it('each place has its own shape, in the locale asked for', () => {
    expect(dateFormatter('table', 'en-GB').format(AT)).toBe('2 Dec 2026')
    expect(dateFormatter('table', 'de-DE').format(AT)).toBe('02.12.2026')
    expect(dateFormatter('search', 'en-US').format(AT)).toBe('12/2/26')
    expect(dateFormatter('chart', 'fr-FR').format(AT)).toBe('2 déc.')
    // The journal is a record: to the second; a table cell for a moment: to the minute.
    expect(dateFormatter('journal', 'en-GB').format(AT)).toMatch(/^2 Dec 2026, \d\d:34:56$/)
    expect(dateFormatter('tableTime', 'en-GB').format(AT)).toMatch(/^2 Dec 2026, \d\d:34$/)
  })

  it('panel times (unix seconds) land on the same format as page times (ms)', () => {
    expect(formatDate(AT / 1000)).toBe(formatWhen('table', AT))
    expect(formatDateTime(AT / 1000)).toBe(formatWhen('detail', AT))
    expect(fromUnix(null)).toBeNull()
    expect(formatWhen('table', null)).toBe('never')
  })

  it('an expiry in a search hit is dated like the place it is in', () => {
    const sec = AT / 1000
    expect(expiryOn(sec, sec - 60, 'search')).toBe(`expires ${formatWhen('search', AT)}`)
    expect(expiryOn(sec, sec + 60, 'search')).toBe(`expired ${formatWhen('search', AT)}`)
    expect(expiryOn(null, sec, 'search')).toBe('Unlimited')
  })

  it('no page code formats a date itself (toLocale…String, its own Intl.DateTimeFormat, an ISO day)', () => {
    const root = join(__dirname, '../../../src')
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(ts|vue)$/.test(name) && !path.endsWith(join('lib', 'dates.ts'))) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/toLocaleDateString|toLocaleTimeString|Intl\.DateTimeFormat|new Date\([^)]*\)\.toLocaleString/.test(line)) offenders.push(`${relative(root, path)}:${i + 1}`)
            })
        }
      }
    }
    walk(root)
    expect(offenders).toEqual([])
  })
})
