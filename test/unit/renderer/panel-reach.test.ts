// @vitest-environment happy-dom
/**
 * A panel whose key is refused answered, but is of no use: the sidebar never
 * gives it a green dot and the status bar never says "All panels reachable".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createFakeXm, profile, type FakeXm } from './fake-xm'
import { byTestId, settle } from './setup'
import { panelHealth } from '../../../electron/shared/panel-health'
import type { PanelStatus } from '../../../electron/shared/views'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import StatusBar from '../../../src/components/shell/StatusBar.vue'
import SidebarPanel from '../../../src/components/shell/SidebarPanel.vue'
import { useSyncStore } from '../../../src/stores/sync'
import { useProfilesStore } from '../../../src/stores/profiles'

const status = (over: Partial<PanelStatus>): PanelStatus => ({ profileId: 'p1', reachable: true, lastError: null, checkedAt: 1, syncing: false, lastSyncAt: null, ...over })
const refused = status({ lastError: { code: 'AUTH_INVALID', message: 'Invalid API key.' } })

let wrapper: VueWrapper | null = null
beforeEach(async () => {
  fake.current = createFakeXm({ profiles: [profile('p1', 'Shop')] })
  setActivePinia(createPinia())
  await useProfilesStore().load()
})
afterEach(() => wrapper?.unmount())

describe('a panel whose key is refused', () => {
  it('panelHealth: refused, not up; an answer without error is up; offline is down', () => {
    expect(panelHealth(refused)).toBe('refused')
    expect(panelHealth(status({ lastError: { code: 'IP_FORBIDDEN', message: '403' } }))).toBe('refused')
    expect(panelHealth(status({}))).toBe('up')
    expect(panelHealth(status({ reachable: false, lastError: { code: 'OFFLINE', message: 'x' } }))).toBe('down')
    expect(panelHealth(undefined)).toBe('unknown')
  })

  it('the status bar names it instead of "All panels reachable"', async () => {
    const sync = useSyncStore()
    sync.onStatus(refused)
    wrapper = mount(StatusBar, { attachTo: document.body })
    await settle()
    expect(byTestId('status-online')).toBeNull()
    expect(byTestId('status-refused')!.textContent).toContain('Shop')
    sync.onStatus(status({}))
    await settle()
    expect(byTestId('status-online')).not.toBeNull()
  })

  it('the sidebar shows no green dot for it', async () => {
    wrapper = mount(SidebarPanel, {
      attachTo: document.body,
      props: { profile: useProfilesStore().byId.get('p1')!, status: refused, items: [], activeTabId: null, expanded: false, now: 0 },
    })
    await settle()
    expect(byTestId('reach-up')).toBeNull()
    expect(byTestId('reach-refused')!.getAttribute('title')).toBe('The panel refuses this app (key, IP or address)')
  })
})
