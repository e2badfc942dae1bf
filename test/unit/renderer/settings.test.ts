// @vitest-environment happy-dom
/** The Settings view over settings:get/settings:set and app:info. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import { createFakeXm, type FakeXm } from './fake-xm'
import { freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import { useSettingsStore } from '../../../src/stores/settings'
import { useCreditsStore } from '../../../src/stores/credits'
import SettingsView from '../../../src/views/SettingsView.vue'

let pinia: ReturnType<typeof createPinia>
beforeEach(() => {
  fake.current = createFakeXm()
  pinia = freshPinia()
})

describe('settings store', () => {
  it('loads settings and app facts, saves one setting at a time, and keeps the credits pause in step', async () => {
    const s = useSettingsStore()
    await s.load()
    expect(s.settings?.closeToTray).toBe(true)
    expect(s.info?.dataDir).toBe('/tmp')
    expect(await s.set('monitorPaused', true)).toBe(true)
    expect(fake.current!.callsOf('settings:set')).toEqual([{ monitorPaused: true }])
    expect(s.settings?.monitorPaused).toBe(true)
    expect(useCreditsStore().paused).toBe(true)
  })

  it('keeps what is stored when saving fails', async () => {
    const s = useSettingsStore()
    await s.load()
    fake.current!.failNext('settings:set', { code: 'INTERNAL', message: 'The settings file could not be written.' })
    expect(await s.set('startAtLogin', true)).toBe(false)
    expect(s.settings?.startAtLogin).toBe(false)
    expect(s.saving).toBeNull()
  })
})

describe('SettingsView', () => {
  it('shows the switches and facts, and a switch saves its setting', async () => {
    const w = mount(SettingsView, { global: { plugins: [pinia] }, attachTo: document.body })
    await settle()
    expect(w.text()).toContain('Close to the tray')
    expect(w.text()).toContain('Start at login')
    expect(w.get('[data-testid="settings-dataDir"]').text()).toBe('/tmp')
    expect(w.get('[data-testid="settings-keys"]').text()).toContain('Memory only')
    await w.get('[data-testid="setting-startHidden"]').trigger('click')
    await settle()
    expect(fake.current!.callsOf('settings:set')).toEqual([{ startHidden: true }])
    expect(fake.current!.state.settings.startHidden).toBe(true)
    w.unmount()
  })

  it('says why keys are in memory and what to do', async () => {
    fake.current = createFakeXm()
    const info = { version: '1.2.3', platform: 'linux', dataDir: '/data', keyBackend: 'memory', keychainProblem: 'No Secret Service is running. Install gnome-keyring.', transport: 'ipc', demoAvailable: false, cacheProblem: 'The cache was rebuilt.' }
    const real = fake.current.xm
    fake.current.xm = new Proxy(real, { get: (t, ns: string) => (ns === 'app' ? { ...real.app, info: async () => ({ ok: true, value: info }) } : Reflect.get(t, ns)) })
    const w = mount(SettingsView, { global: { plugins: [pinia] } })
    await settle()
    expect(w.get('[data-testid="settings-keychain-problem"]').text()).toContain('No Secret Service is running. Install gnome-keyring.')
    expect(w.get('[data-testid="settings-cache-problem"]').text()).toContain('The cache was rebuilt.')
    expect(w.text()).toContain('1.2.3')
  })
})
