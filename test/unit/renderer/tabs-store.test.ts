// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { LAYOUT_KEY, useTabsStore } from '../../../src/stores/tabs'

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

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
    const tabs = useTabsStore()
    tabs.open('resource', 'p1', 'lines')
    tabs.open('resource', 'p1', 'mags')
    tabs.open('journal', 'all')
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
