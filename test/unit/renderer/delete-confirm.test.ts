// @vitest-environment happy-dom
/**
 * Issue #15 (words): the delete confirmation names what is deleted — the
 * line's username, the device's MAC, the code — and on which panel.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NDialogProvider } from 'naive-ui'
import { createFakeXm, line, type FakeXm } from './fake-xm'
import { freshPinia, settle } from './setup'
import type { Row } from '../../../src/stores/table'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import DetailActions from '../../../src/components/detail/DetailActions.vue'
import { useProfilesStore } from '../../../src/stores/profiles'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

async function askToDelete(resource: string, row: Row): Promise<string> {
  fake.current = createFakeXm()
  const pinia = freshPinia()
  await useProfilesStore().load()
  const Host = defineComponent(() => () => h(NDialogProvider, null, { default: () => h(DetailActions, { resource, row } as never) }))
  wrapper = mount(Host, { attachTo: document.body, global: { plugins: [pinia] } })
  await settle()
  ;(document.body.querySelector('[data-testid="action-delete"]') as HTMLElement).click()
  await settle()
  return document.body.querySelector('.n-dialog')?.textContent ?? ''
}

describe('delete confirmation', () => {
  it('names the line and its panel', async () => {
    const text = await askToDelete('lines', line(5, { username: 'john.smith' }))
    const panel = fake.current!.state.profiles.find((p) => p.id === 'p1')!.name
    expect(text).toContain('Delete line “john.smith”?')
    expect(text).toContain(`On the panel ${panel}.`)
    expect(text).toContain('Credits already spent are not refunded.')
    expect(text).not.toContain('this item')
  })

  it('names a MAG device by its MAC and says its line goes too', async () => {
    const text = await askToDelete('mags', { id: 41, profileId: 'p1', mac: '00:1A:79:00:00:01', username: 'x', enabled: true } as Row)
    expect(text).toContain('Delete MAG device “00:1A:79:00:00:01”?')
    expect(text).toContain('Its line is deleted with it')
  })
})
