// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { LAYOUT_KEY, MAX_TABS, useTabsStore } from '../../../src/stores/tabs'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

/** The store with three tabs open: p1's lines and MAGs, then the journal (active). */
function threeTabs() {
  const tabs = useTabsStore()
  tabs.open('resource', 'p1', 'lines')
  tabs.open('resource', 'p1', 'mags')
  tabs.open('journal', 'all')
  return tabs
}

describe('tabs store', () => {
  it('opens a view once, focusing the existing tab the second time', () => {
    const tabs = useTabsStore()
    tabs.open('resource', 'p1', 'lines')
    tabs.open('resource', 'p1', 'mags')
    tabs.open('resource', 'p1', 'lines')
    expect(tabs.tabs.map((t) => t.id)).toEqual(['resource:p1:lines', 'resource:p1:mags'])
    expect(tabs.activeId).toBe('resource:p1:lines')
  })

  it('cycles with next/prev and closes the current tab, focusing a neighbour', () => {
    const tabs = threeTabs()
    tabs.cycle(1)
    expect(tabs.activeId).toBe('resource:p1:lines')
    tabs.cycle(-1)
    expect(tabs.activeId).toBe('journal:all:')
    tabs.closeCurrent()
    expect(tabs.tabs).toHaveLength(2)
    expect(tabs.activeId).toBe('resource:p1:mags')
  })

  it('remembers open tabs and the split layout between runs (localStorage, layout only)', () => {
    const tabs = useTabsStore()
    tabs.open('resource', 'p1', 'lines')
    tabs.open('credits', 'all')
    tabs.toggleSplit()
    const saved = JSON.parse(localStorage.getItem(LAYOUT_KEY)!)
    expect(Object.keys(saved).sort()).toEqual(['activeId', 'focus', 'secondId', 'split', 'tabs'])

    setActivePinia(createPinia())
    const again = useTabsStore()
    expect(again.tabs.map((t) => t.id)).toEqual(['resource:p1:lines', 'credits:all:'])
    expect(again.split).toBe(true)
    expect(again.activeId).toBe('credits:all:')
    expect(again.secondId).toBe('resource:p1:lines')
  })

  it('ignores a corrupt saved layout instead of failing', () => {
    localStorage.setItem(LAYOUT_KEY, '{"tabs":[{"id":1}]')
    expect(useTabsStore().tabs).toEqual([])
    localStorage.setItem(LAYOUT_KEY, JSON.stringify({ tabs: [{ id: 'x', kind: 'evil', profileId: 'p' }], activeId: null, split: false, secondId: null, focus: 'left' }))
    setActivePinia(createPinia())
    expect(useTabsStore().tabs).toEqual([])
  })

  it('drops the tabs of a removed panel', () => {
    const tabs = useTabsStore()
    tabs.open('resource', 'p1', 'lines')
    tabs.open('resource', 'p2', 'lines')
    tabs.dropProfile('p1')
    expect(tabs.tabs.map((t) => t.profileId)).toEqual(['p2'])
  })
})

describe('tabs do not pile up', () => {
  it('keeps at most MAX_TABS open, closing the least recently used (never the shown ones), and the layout still reloads', () => {
    const tabs = useTabsStore()
    for (let i = 0; i < MAX_TABS; i++) tabs.open('resource', `p${i}`, 'lines')
    tabs.select('resource:p0:lines') // p0 used most recently: p1 is now the oldest
    tabs.open('journal', 'all')
    expect(tabs.tabs).toHaveLength(MAX_TABS)
    expect(tabs.tabs.map((t) => t.id)).not.toContain('resource:p1:lines')
    expect(tabs.tabs.map((t) => t.id)).toContain('resource:p0:lines')
    expect(tabs.activeId).toBe('journal:all:')
    // 60 more opens: the saved layout stays valid and comes back after a restart.
    for (let i = 0; i < 60; i++) tabs.open('resource', `q${i}`, 'mags')
    setActivePinia(createPinia())
    const again = useTabsStore()
    expect(again.tabs).toHaveLength(MAX_TABS)
    expect(again.activeId).toBe('resource:q59:mags')
  })

  it('closes the others, and Ctrl+Shift+T brings closed tabs back, newest first', () => {
    const tabs = threeTabs()
    tabs.closeOthers('resource:p1:mags')
    expect(tabs.tabs.map((t) => t.id)).toEqual(['resource:p1:mags'])
    expect(tabs.activeId).toBe('resource:p1:mags')
    tabs.close('resource:p1:mags')
    expect(tabs.tabs).toHaveLength(0)
    expect(tabs.reopenClosed()?.id).toBe('resource:p1:mags')
    expect(tabs.reopenClosed()?.id).toBe('journal:all:')
    expect(tabs.reopenClosed()?.id).toBe('resource:p1:lines')
    expect(tabs.reopenClosed()).toBeNull()
    expect(tabs.tabs.map((t) => t.id).sort()).toEqual(['journal:all:', 'resource:p1:lines', 'resource:p1:mags'])
    expect(tabs.activeId).toBe('resource:p1:lines')
  })

  it('a removed panel\'s tabs are not offered for reopening', () => {
    const tabs = useTabsStore()
    tabs.open('resource', 'p1', 'lines')
    tabs.open('resource', 'p2', 'lines')
    tabs.close('resource:p1:lines')
    tabs.dropProfile('p1')
    tabs.dropProfile('p2')
    expect(tabs.reopenClosed()).toBeNull()
  })
})
