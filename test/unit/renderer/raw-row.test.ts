// @vitest-environment happy-dom
/** The detail drawer's "As the panel sent it": read only when opened, shown as JSON, copyable. */
import { describe, expect, it, vi } from 'vitest'
import { createPinia } from 'pinia'
import { flushPromises, mount } from '@vue/test-utils'
import { createFakeXm, line, type FakeXm } from './fake-xm'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import RawRow from '../../../src/components/detail/RawRow.vue'

async function opened(id: number) {
  fake.current = createFakeXm()
  fake.current.state.lines = [line(1, { username: 'alice' }), line(2)]
  const w = mount(RawRow, { props: { resource: 'lines', profileId: 'p1', id }, global: { plugins: [createPinia()] } })
  expect(fake.current.callsOf('cache:raw')).toHaveLength(0) // nothing is unpacked until asked for
  await w.find('.n-collapse-item__header-main').trigger('click')
  await flushPromises()
  return w
}

describe('RawRow', () => {
  it('shows the panel’s own row as JSON once opened, and copies it', async () => {
    const w = await opened(1)
    expect(fake.current!.callsOf('cache:raw')).toEqual([{ profileId: 'p1', resource: 'lines', id: 1 }])
    const json = JSON.parse(w.find('[data-testid="raw-json"]').text())
    expect(json).toEqual({ id: '1', username: 'alice', exp_date: '2000000000', is_stalker: '0' })
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await w.find('[data-testid="copy-raw"]').trigger('click')
    expect(JSON.parse(writeText.mock.calls[0]![0])).toEqual(json)
  })

  it('says so when no raw copy is kept for the row', async () => {
    const w = await opened(2)
    expect(w.find('[data-testid="raw-json"]').exists()).toBe(false)
    expect(w.find('[data-testid="raw-none"]').text()).toContain('not kept yet')
  })
})
