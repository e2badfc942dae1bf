// @vitest-environment happy-dom
/** Panels screen: reorder by drag and drop (the arrows stay for the keyboard). */
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createPinia } from 'pinia'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createFakeXm, profile, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import PanelsView from '../../../src/views/PanelsView.vue'
import { useProfilesStore } from '../../../src/stores/profiles'

const Host = defineComponent({ render: () => h(NMessageProvider, () => h(NDialogProvider, () => h(PanelsView))) })

async function mounted() {
  fake.current = createFakeXm({ profiles: [profile('a', 'Alpha'), profile('b', 'Bravo'), profile('c', 'Charlie')] })
  const pinia = createPinia()
  const w = mount(Host, { global: { plugins: [pinia] } })
  await useProfilesStore(pinia).load()
  await flushPromises()
  return w
}

const names = (w: ReturnType<typeof mount>) => w.findAll('[data-testid="panel-card"]').map((c) => c.attributes('data-profile-name'))

describe('PanelsView', () => {
  it('a card dropped on another takes its place, the others shift, and the order is saved', async () => {
    const w = await mounted()
    expect(names(w)).toEqual(['Alpha', 'Bravo', 'Charlie'])
    const cards = () => w.findAll('[data-testid="panel-card"]')
    await cards()[2]!.trigger('dragstart')
    await cards()[0]!.trigger('dragover')
    expect(cards()[0]!.classes()).toContain('drop-target')
    await cards()[0]!.trigger('drop')
    await flushPromises()
    expect(fake.current!.callsOf('profiles:reorder')).toEqual([{ profileIds: ['c', 'a', 'b'] }])
    expect(names(w)).toEqual(['Charlie', 'Alpha', 'Bravo'])
    expect(cards().some((c) => c.classes().includes('drop-target'))).toBe(false)

    // Moving down: Charlie onto Bravo puts it last.
    await cards()[0]!.trigger('dragstart')
    await cards()[2]!.trigger('drop')
    await flushPromises()
    expect(names(w)).toEqual(['Alpha', 'Bravo', 'Charlie'])
  })

  it('a drop on itself, or without a drag, changes nothing', async () => {
    const w = await mounted()
    const cards = () => w.findAll('[data-testid="panel-card"]')
    await cards()[1]!.trigger('drop')
    await cards()[1]!.trigger('dragstart')
    await cards()[1]!.trigger('drop')
    await flushPromises()
    expect(fake.current!.callsOf('profiles:reorder')).toEqual([])
    expect(names(w)).toEqual(['Alpha', 'Bravo', 'Charlie'])
  })
})
