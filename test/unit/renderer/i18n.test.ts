import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../../src/i18n/en'
import { t } from '../../../src/i18n'
import { ERROR_CODES } from '../../../electron/shared/errors'
import { StatusFilter, ItemStatus } from '../../../electron/shared/domain'
import { Outcome, CreditState, BulkOperation, BulkItemState } from '../../../electron/shared/views'
import { RESOURCE_META } from '../../../src/lib/resources'

const SRC = new URL('../../../src/', import.meta.url).pathname

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return f === 'api' ? [] : files(p)
    return /\.(ts|vue)$/.test(f) && !p.includes('/i18n/') ? [p] : []
  })
}

describe('i18n catalogue', () => {
  const sources = files(SRC).map((f) => ({ f, text: readFileSync(f, 'utf8') }))

  it('has every key a component or store asks for with t(…)', () => {
    const used = new Set<string>()
    for (const { text } of sources) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!)
      // keys named in data (columns, nav, shortcut list): 'area.key' strings typed as MessageKey
      for (const m of text.matchAll(/(?:title|label|one):\s*'([a-zA-Z]+\.[a-zA-Z0-9_]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(150)
    const missing = [...used].filter((k) => !Object.hasOwn(en, k))
    expect(missing).toEqual([])
  })

  it('has the keys built at run time: one sentence per error code, chips, badges, outcomes', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...StatusFilter.options.map((s) => `chip.${s}`),
      ...ItemStatus.options.map((s) => `status.${s}`),
      ...Outcome.options.map((o) => `outcome.${o}`),
      ...CreditState.options.map((s) => `creditState.${s}`),
      ...BulkOperation.options.map((o) => `bulkOp.${o}`),
      ...BulkItemState.options.map((s) => `bulkState.${s}`),
      ...Object.values(RESOURCE_META).flatMap((m) => [m.title, m.one, ...m.columns.map((c) => c.title)]),
    ]
    expect(needed.filter((k) => !Object.hasOwn(en, k))).toEqual([])
  })

  it('components carry no hard-coded English in their templates', () => {
    // A text node of 2+ words of plain letters between tags is a string that escaped the catalogue.
    const offenders: string[] = []
    for (const { f, text } of sources.filter((s) => s.f.endsWith('.vue'))) {
      const template = text.slice(text.indexOf('<template>'), text.lastIndexOf('</template>'))
      for (const m of template.matchAll(/>\s*([A-Za-z][a-z]+(?: [a-z]+)+)\s*</g)) offenders.push(`${f}: ${m[1]}`)
    }
    expect(offenders).toEqual([])
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('expiry.in', { span: '3 days' })).toBe('in 3 days')
    expect(t('bulk.total', { n: 2 })).toContain('{cost}')
  })
})
