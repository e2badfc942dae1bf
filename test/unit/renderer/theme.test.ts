// @vitest-environment happy-dom
/** Settings → Theme: System follows the OS, Light and Dark override it; the whole app switches at once. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

async function mountApp(theme: 'system' | 'light' | 'dark') {
  fake.current = createFakeXm()
  fake.current.state.settings = { ...fake.current.state.settings, theme }
  wrapper = await mountAppShell(App)
}

const theme = () => document.documentElement.dataset.theme

describe('theme choice', () => {
  it('a stored "dark" is used at start, whatever the OS says (happy-dom reports light)', async () => {
    await mountApp('dark')
    expect(theme()).toBe('dark')
  })

  it('"system" follows the OS', async () => {
    await mountApp('system')
    expect(theme()).toBe('light')
  })

  it('choosing Dark in Settings saves it and switches the app at once', async () => {
    await mountApp('system')
    useTabsStore().open('settings', 'all')
    await settle(8)
    const dark = byTestId('theme-dark')!.querySelector('input') as HTMLInputElement
    dark.click()
    await settle(8)
    expect(fake.current!.callsOf('settings:set')).toEqual([{ theme: 'dark' }])
    expect(theme()).toBe('dark')
  })
})
