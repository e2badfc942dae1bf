// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'
import { useUiStore } from '../../../src/stores/ui'

let wrapper: VueWrapper | null = null
async function mountApp() {
  wrapper = await mountAppShell(App)
}
const press = (key: string, mods: KeyboardEventInit = {}) => window.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true, ...mods }))

beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

describe('App shell', () => {
  it('first run (no panels): the welcome screen, and the demo panel starts from it', async () => {
    fake.current = createFakeXm({ profiles: [] })
    await mountApp()
    expect(byTestId('welcome')).not.toBeNull()
    expect(byTestId('welcome-add')!.textContent).toContain('Add your panel')
    byTestId('welcome-demo')!.click()
    await settle(8)
    expect(fake.current.callsOf('demo:start')).toHaveLength(1)
    expect(fake.current.callsOf('sync:run')).toEqual([{ profileIds: ['demo'] }])
    expect(byTestId('shell')).not.toBeNull()
    expect(useTabsStore().active?.id).toBe('resource:demo:lines')
  })

  it('"Add your panel" opens the panel form', async () => {
    fake.current = createFakeXm({ profiles: [] })
    await mountApp()
    byTestId('welcome-add')!.click()
    await settle()
    expect(byTestId('panel-form')).not.toBeNull()
    expect((byTestId('panel-api-key') as HTMLInputElement).type).toBe('password')
  })

  it('with panels: the sidebar shows each panel with its credits; Ctrl+K searches and Enter opens the drawer', async () => {
    fake.current = createFakeXm({ credits: 321 })
    await mountApp()
    expect(byTestId('shell')).not.toBeNull()
    expect(document.querySelector('[data-profile-name="Main"] [data-testid="sidebar-credits"]')!.textContent).toBe('321')
    press('k', { ctrlKey: true })
    await settle()
    expect(useUiStore().searchOpen).toBe(true)
    const input = byTestId('global-search') as HTMLInputElement
    input.value = 'user42'
    input.dispatchEvent(new Event('input'))
    await useSearchRun()
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle(8)
    expect(useTabsStore().active?.id).toBe('resource:p1:lines')
    expect(fake.current.callsOf('lines:get')).toEqual([{ profileId: 'p1', id: 42 }])
    expect(byTestId('detail-title')!.textContent).toBe('user42')
  })

  it('"?" shows the shortcut list; Ctrl+W closes the current tab', async () => {
    fake.current = createFakeXm()
    await mountApp()
    const tabs = useTabsStore()
    tabs.open('journal', 'all')
    await settle()
    press('?')
    await settle()
    expect(byTestId('shortcut-help')).not.toBeNull()
    press('w', { ctrlKey: true })
    await settle()
    // The journal (current) is closed; the first panel's lines, opened at start, stay.
    expect(tabs.tabs.map((t) => t.id)).toEqual(['resource:p1:lines'])
  })
})

/** The search box debounces; run the pending search now. */
async function useSearchRun() {
  const { useSearchStore } = await import('../../../src/stores/search')
  await useSearchStore().runNow()
  await settle()
}
