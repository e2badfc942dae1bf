// @vitest-environment happy-dom
/**
 * Issue #15 (words): when memory-only keys were chosen on purpose
 * (--memory-keys: the core reports no keychain problem), Welcome and Settings
 * say so — they do not promise the keychain nor speak of "until it is fixed".
 * When the keychain failed, Settings still says why and what to do.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { mount } from '@vue/test-utils'
import type { AppInfo } from '../../../electron/shared/views'
import { createFakeXm, type FakeXm } from './fake-xm'
import { freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import SettingsView from '../../../src/views/SettingsView.vue'
import WelcomeView from '../../../src/views/WelcomeView.vue'

const INFO: AppInfo = { version: '1', platform: 'linux', dataDir: '/data', keyBackend: 'memory', keychainProblem: null, transport: 'loopback', demoAvailable: true }
let pinia: ReturnType<typeof createPinia>
function withInfo(info: Partial<AppInfo>) {
  fake.current = createFakeXm()
  fake.current.handlers['app:info'] = () => ({ ...INFO, ...info })
  pinia = freshPinia()
}
async function text(view: typeof SettingsView | typeof WelcomeView) {
  const w = mount(view, { global: { plugins: [pinia] } })
  await settle()
  const out = w.text()
  w.unmount()
  return out
}

describe('where keys are kept, in words', () => {
  beforeEach(() => withInfo({}))

  it('memory keys chosen: Settings states the choice, no problem, nothing to fix', async () => {
    const s = await text(SettingsView)
    expect(s).toContain('started with memory-only keys (--memory-keys), as chosen')
    expect(s).not.toMatch(/until it is fixed|keychain is not used|once the keychain works/i)
  })

  it('memory keys chosen: Welcome does not promise the keychain', async () => {
    const s = await text(WelcomeView)
    expect(s).toContain('kept in memory for this session only, as chosen')
    expect(s).not.toContain('kept in the system keychain')
  })

  it('the keychain failed: Settings says why and what to do, Welcome says it cannot be used', async () => {
    withInfo({ keychainProblem: 'No Secret Service is running. Install gnome-keyring.' })
    const s = await text(SettingsView)
    expect(s).toContain('No Secret Service is running. Install gnome-keyring.')
    expect(s).toMatch(/Until it is fixed/)
    expect(await text(WelcomeView)).toContain('The system keychain cannot be used')
  })

  it('the keychain in use: Welcome says the key is kept there', async () => {
    withInfo({ keyBackend: 'keychain' })
    expect(await text(WelcomeView)).toContain('kept in the system keychain')
    expect(await text(SettingsView)).not.toContain('memory-only')
  })
})
