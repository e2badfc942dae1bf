// @vitest-environment happy-dom
/** The tab strip's overflow menu: every open tab, "Close other tabs", "Reopen closed tab"; and Ctrl+Shift+T. */
import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import TabBar from '../../../src/components/shell/TabBar.vue'
import { useTabsStore } from '../../../src/stores/tabs'
import App from '../../../src/App.vue'

async function mounted() {
  localStorage.clear()
  fake.current = createFakeXm({ profiles: [profile('a', 'Alpha')] })
  const pinia = freshPinia()
  const tabs = useTabsStore()
  tabs.open('resource', 'a', 'lines')
  tabs.open('resource', 'a', 'mags')
  tabs.open('journal', 'all')
  const w = mount(TabBar, { global: { plugins: [pinia] }, attachTo: document.body })
  await settle()
  return { w, tabs }
}

function menuItem(label: string): HTMLElement {
  const items = [...document.body.querySelectorAll<HTMLElement>('.n-dropdown-option')]
  const hit = items.find((el) => el.textContent?.trim() === label)
  if (!hit) throw new Error(`no menu item "${label}" among: ${items.map((i) => i.textContent?.trim()).join(' | ')}`)
  return hit
}

async function openMenu(w: ReturnType<typeof mount>) {
  await w.get('[data-testid="tab-menu"]').trigger('click')
  await settle()
}

describe('TabBar menu', () => {
  it('lists every open tab and closes the others, which can then be reopened', async () => {
    const { w, tabs } = await mounted()
    await openMenu(w)
    expect(menuItem('Journal')).toBeTruthy()
    menuItem('Close other tabs').querySelector<HTMLElement>('.n-dropdown-option-body')!.click()
    await settle()
    expect(tabs.tabs.map((t) => t.id)).toEqual(['journal:all:'])
    await openMenu(w)
    menuItem('Reopen closed tab (Ctrl+Shift+T)').querySelector<HTMLElement>('.n-dropdown-option-body')!.click()
    await settle()
    expect(tabs.tabs).toHaveLength(2)
    w.unmount()
  })

  it('Ctrl+Shift+T in the app reopens the last closed tab', async () => {
    localStorage.clear()
    fake.current = createFakeXm({ profiles: [profile('a', 'Alpha')] })
    const pinia = freshPinia()
    const app = mount(App, { attachTo: document.body, global: { plugins: [pinia] } })
    await settle(8)
    const tabs = useTabsStore()
    tabs.open('journal', 'all')
    tabs.closeCurrent()
    expect(tabs.tabs.map((t) => t.id)).not.toContain('journal:all:')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'T', ctrlKey: true, shiftKey: true, cancelable: true }))
    await settle()
    expect(tabs.tabs.map((t) => t.id)).toContain('journal:all:')
    app.unmount()
  })

})
