// @vitest-environment happy-dom
/** The first screen with panels but no saved tabs (e.g. `dev:browser --demo`): the first panel's lines, not an empty pane. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { LAYOUT_KEY, useTabsStore } from '../../../src/stores/tabs'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

async function mountApp() {
  wrapper = await mountAppShell(App)
}

describe('first screen', () => {
  it('opens the first panel\'s lines, with that panel unfolded in the sidebar', async () => {
    fake.current = createFakeXm({ profiles: [profile('demo', 'Demo panel'), profile('b', 'Bravo', { order: 1 })] })
    await mountApp()
    expect(useTabsStore().active?.id).toBe('resource:demo:lines')
    expect(byTestId('tabs-none')).toBeNull()
    const demo = document.querySelector('[data-profile-name="Demo panel"] button.head')!
    expect(demo.getAttribute('aria-expanded')).toBe('true')
  })

  it('keeps the tabs the user had open last time', async () => {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify({ tabs: [{ id: 'journal:all:', kind: 'journal', profileId: 'all' }], activeId: 'journal:all:', split: false, secondId: null, focus: 'left' }))
    fake.current = createFakeXm({ profiles: [profile('demo', 'Demo panel')] })
    await mountApp()
    expect(useTabsStore().tabs.map((t) => t.id)).toEqual(['journal:all:'])
  })

  it('the open tab\'s panel is unfolded in the sidebar', async () => {
    fake.current = createFakeXm({ profiles: [profile('a', 'Alpha'), profile('b', 'Bravo', { order: 1 })] })
    await mountApp()
    useTabsStore().open('resource', 'b', 'mags')
    await settle()
    expect(document.querySelector('[data-profile-name="Bravo"] button.head')!.getAttribute('aria-expanded')).toBe('true')
  })
})
