// @vitest-environment happy-dom
/**
 * The UI language (issue #15): Settings → Language defaults to the OS's
 * language (nearest supported, else English); the words, plural forms,
 * numbers and dates follow it; Arabic lays the page out right to left.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'
import { language, nearestLanguage, pluralForm, resolveLanguage, setLanguage, t, tn } from '../../../src/i18n'
import { formatDate, formatNumber } from '../../../src/lib/format'
import type { LanguageChoice } from '../../../electron/shared/languages'

let wrapper: VueWrapper | null = null
let osLanguages: string[] = ['en-US']
beforeEach(() => {
  localStorage.clear()
  osLanguages = ['en-US']
  vi.spyOn(navigator, 'languages', 'get').mockImplementation(() => osLanguages)
  vi.spyOn(navigator, 'language', 'get').mockImplementation(() => osLanguages[0] ?? '')
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  setLanguage('en')
  vi.restoreAllMocks()
})

describe('the OS language, mapped to the nearest supported one', () => {
  it('takes an exact tag, else the same language of another region, in the OS order', () => {
    expect(nearestLanguage(['pt-BR'])).toBe('pt-BR')
    expect(nearestLanguage(['pt-PT'])).toBe('pt-BR')
    expect(nearestLanguage(['es-MX', 'en-US'])).toBe('es')
    expect(nearestLanguage(['fr_CA'])).toBe('fr')
    expect(nearestLanguage(['ja-JP', 'de-AT', 'fr'])).toBe('de')
    expect(nearestLanguage(['ar-EG'])).toBe('ar')
  })

  it('falls back to English when none of them is supported', () => {
    expect(nearestLanguage(['ja-JP', 'zh-CN'])).toBe('en')
    expect(nearestLanguage([])).toBe('en')
  })

  it('a language chosen in Settings beats the OS; "system" follows it', () => {
    expect(resolveLanguage('fr', ['de-DE'])).toBe('fr')
    expect(resolveLanguage('system', ['tr-TR'])).toBe('tr')
    expect(resolveLanguage(undefined, ['it-IT'])).toBe('it')
  })
})

describe('words, plurals, numbers and dates follow the language', () => {
  it('picks the plural form the language’s rules select (Arabic: six forms)', () => {
    setLanguage('ar')
    expect(language.value).toBe('ar')
    expect([0, 1, 2, 3, 11, 100].map((n) => pluralForm('table.count', n))).toEqual([
      'table.count.zero',
      'table.count.one',
      'table.count.two',
      'table.count.few',
      'table.count.many',
      'table.count.other',
    ])
    setLanguage('fr')
    expect([0, 1, 2, 1_000_000].map((n) => pluralForm('table.count', n))).toEqual(['table.count.one', 'table.count.one', 'table.count.other', 'table.count.many'])
    setLanguage('en')
    expect([0, 1, 2].map((n) => pluralForm('table.count', n))).toEqual(['table.count.other', 'table.count.one', 'table.count.other'])
  })

  it('a count is written in the language, with its digits grouped as it groups them', () => {
    setLanguage('de')
    expect(formatNumber(1234567.5)).toBe('1.234.567,5')
    expect(tn('table.count', 1234)).toMatch(/^1\.234 /)
    setLanguage('fr')
    expect(tn('table.count', 1)).toBe('1 entrée')
    setLanguage('en')
    expect(tn('table.count', 1234)).toBe('1,234 rows')
  })

  it('dates use the language’s month names', () => {
    const dec2 = Date.UTC(2026, 11, 2, 12) / 1000
    setLanguage('fr')
    expect(formatDate(dec2)).toMatch(/déc/)
    setLanguage('de')
    expect(formatDate(dec2)).toMatch(/^0?2\.12\.2026$/)
    setLanguage('en')
    expect(formatDate(dec2)).toMatch(/Dec/)
  })
})

async function mountApp(choice: LanguageChoice) {
  fake.current = createFakeXm()
  fake.current.state.settings = { ...fake.current.state.settings, language: choice }
  wrapper = await mountAppShell(App)
}

describe('the app in a language', () => {
  it('"system" starts in the OS’s language, and says so in the picker', async () => {
    osLanguages = ['es-AR', 'en']
    await mountApp('system')
    expect(language.value).toBe('es')
    expect(document.documentElement.lang).toBe('es')
    expect(document.documentElement.dir).toBe('ltr')
    useTabsStore().open('settings', 'all')
    await settle(8)
    expect(byTestId('settings-view')!.textContent).toContain(t('settings.languageHint'))
    expect(byTestId('settings-view')!.textContent).toContain('Idioma')
    expect(byTestId('setting-language')!.textContent).toContain('Sistema (Español)')
  })

  it('a stored language is used whatever the OS says; Arabic turns the page right to left', async () => {
    osLanguages = ['de-DE']
    await mountApp('ar')
    expect(document.documentElement.lang).toBe('ar')
    expect(document.documentElement.dir).toBe('rtl')
  })

  it('choosing a language in Settings saves it and switches the words at once', async () => {
    osLanguages = ['en-GB']
    await mountApp('system')
    useTabsStore().open('settings', 'all')
    await settle(8)
    expect(byTestId('settings-view')!.querySelector('h2')!.textContent).toBe('Settings')
    ;(byTestId('setting-language')!.querySelector('.n-base-selection') as HTMLElement).click()
    await settle(8)
    const option = [...document.body.querySelectorAll('.n-base-select-option')].find((o) => o.textContent?.trim() === 'Deutsch') as HTMLElement
    expect(option).toBeDefined()
    option.click()
    await settle(8)
    expect(fake.current!.callsOf('settings:set')).toEqual([{ language: 'de' }])
    expect(document.documentElement.lang).toBe('de')
    expect(byTestId('settings-view')!.querySelector('h2')!.textContent).toBe(t('nav.settings'))
    expect(t('nav.settings')).not.toBe('Settings')
  })
})

describe('views open while the language changes', () => {
  it('words a view worked out when it opened are redone too (Profit’s period list)', async () => {
    await mountApp('en')
    useTabsStore().open('profit', 'all')
    await settle(8)
    // Profit is loaded on first open (an async component): wait for it to be there.
    await vi.waitFor(() => expect(byTestId('profit-view')).not.toBeNull(), { timeout: 10_000 })
    await settle(8)
    expect(byTestId('profit-view')!.textContent).toContain('Last 12 months')
    const { useSettingsStore } = await import('../../../src/stores/settings')
    await useSettingsStore().set('language', 'fr')
    await settle(8)
    await vi.waitFor(() => expect(byTestId('profit-view')).not.toBeNull(), { timeout: 10_000 })
    await settle(8)
    expect(byTestId('profit-view')!.textContent).toContain('12 derniers mois')
    expect(byTestId('profit-view')!.textContent).not.toContain('Last 12 months')
  })
})

describe('the next start', () => {
  it('is in the language chosen last, before the settings have been read', async () => {
    const { applyLanguage } = await import('../../../src/i18n')
    osLanguages = ['de-DE']
    expect(applyLanguage('fr')).toBe('fr')
    setLanguage('en')
    // A new start: the settings are not read yet, the OS says German, the user chose French.
    expect(applyLanguage(undefined)).toBe('fr')
    expect(document.documentElement.lang).toBe('fr')
    localStorage.clear()
    expect(applyLanguage(undefined)).toBe('de')
  })
})
