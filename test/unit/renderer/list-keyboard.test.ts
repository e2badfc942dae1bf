// @vitest-environment happy-dom
/** The list from the keyboard: "/" focuses its search; status chips are reachable with Tab and toggle with Enter/Space. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

async function mountApp() {
  fake.current = createFakeXm()
  wrapper = await mountAppShell(App)
}

describe('list keyboard', () => {
  it('"/" focuses the search box of the list on screen (and types nothing)', async () => {
    await mountApp()
    const e = new KeyboardEvent('keydown', { key: '/', cancelable: true })
    window.dispatchEvent(e)
    await settle()
    expect(document.activeElement).toBe(byTestId('table-search'))
    expect(e.defaultPrevented).toBe(true)
  })

  it('chips are focusable checkboxes; Enter and Space toggle them', async () => {
    await mountApp()
    const chip = byTestId('chip-active')!
    expect(chip.getAttribute('tabindex')).toBe('0')
    expect(chip.getAttribute('role')).toBe('checkbox')
    expect(chip.getAttribute('aria-checked')).toBe('false')
    chip.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(byTestId('chip-active')!.getAttribute('aria-checked')).toBe('true')
    expect(fake.current!.callsOf('cache:query').at(-1)).toMatchObject({ status: ['active'] })
    byTestId('chip-active')!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }))
    await settle()
    expect(byTestId('chip-active')!.getAttribute('aria-checked')).toBe('false')
  })
})
