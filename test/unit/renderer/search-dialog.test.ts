// @vitest-environment happy-dom
/** Ctrl+K: Enter opens the HIGHLIGHTED hit (↑/↓ move it), and "show all" opens the list with the search applied. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, line, type FakeXm } from './fake-xm'
import { byTestId, mountAppShell, searchGlobally, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import App from '../../../src/App.vue'
import { useTabsStore } from '../../../src/stores/tabs'

let wrapper: VueWrapper | null = null
beforeEach(() => localStorage.clear())
afterEach(() => wrapper?.unmount())

async function searchFor(text: string) {
  fake.current = createFakeXm()
  fake.current.state.lines = [line(1, { username: 'anna01' }), line(2, { username: 'anna02' }), line(3, { username: 'anna03' })]
  wrapper = await mountAppShell(App)
  const input = await searchGlobally(text)
  await settle()
  const key = (k: string) => input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
  return { key }
}

describe('global search keyboard', () => {
  it('Enter opens the highlighted hit, not the first', async () => {
    const { key } = await searchFor('anna')
    expect(document.querySelectorAll('[data-testid="search-hit"]')).toHaveLength(3)
    key('ArrowDown')
    key('ArrowDown')
    await settle()
    expect(document.querySelectorAll('[data-testid="search-hit"]')[2]!.classList).toContain('on')
    key('Enter')
    await settle(8)
    expect(fake.current!.callsOf('lines:get')).toEqual([{ profileId: 'p1', id: 3 }])
  })

  it('↓ past the last hit reaches "show all", and Enter opens the list over every panel with the search typed in', async () => {
    const { key } = await searchFor('anna')
    for (let i = 0; i < 5; i++) key('ArrowDown')
    await settle()
    expect(byTestId('search-show-all')!.classList).toContain('on')
    expect(byTestId('search-show-all')!.textContent).toContain('Lines')
    key('Enter')
    await settle(8)
    expect(useTabsStore().active?.id).toBe('resource:all:lines')
    const queries = fake.current!.callsOf('cache:query')
    expect(queries.at(-1)).toMatchObject({ profileIds: 'all', search: 'anna' })
    expect(fake.current!.callsOf('lines:get')).toHaveLength(0)
  })
})
