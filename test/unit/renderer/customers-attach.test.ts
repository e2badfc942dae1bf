// @vitest-environment happy-dom
/**
 * Attaching a subscription: "nothing matches" is said only about an answer to the text
 * in the box. Said while the search is still running, it is about a text the user has
 * already changed (and a reseller gives up on a line that is in fact cached).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { createFakeXm, line, type FakeXm } from './fake-xm'
import { byTestId, mountOnPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import AttachDialog from '../../../src/components/customers/AttachDialog.vue'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

import type { Customer } from '../../../electron/shared/customers'

const customer: Customer = { id: 7, name: 'Anna', phone: null, email: null, telegram: null, channel: null, language: 'en', tags: [], notes: '', createdAt: 0, updatedAt: 0, linkCount: 0 }

function open() {
  fake.current = createFakeXm()
  fake.current.state.lines = [line(1, { username: 'saralopez46' })]
  fake.current.handlers['customers:owners'] = () => []
  wrapper = mountOnPinia(AttachDialog, { customer })
  const input = byTestId('attach-search') as HTMLInputElement
  const type = (text: string) => {
    input.value = text
    input.dispatchEvent(new Event('input'))
  }
  const none = () => document.body.querySelector('[data-testid="attach-dialog"] .n-empty')
  const answeredFor = () => byTestId('attach-dialog')!.getAttribute('data-answered-for')
  return { type, none, answeredFor }
}

describe('attach dialog', () => {
  it('says "nothing matches" only once the search for the typed text has answered', async () => {
    const { type, none, answeredFor } = open()
    const held = fake.current!.hold('search:global')
    type('nobody-here')
    await vi.waitFor(() => expect(fake.current!.callsOf('search:global')).toHaveLength(1))
    await settle()
    expect(none()).toBeNull()
    expect(answeredFor()).toBeNull()
    held.release()
    await vi.waitFor(() => expect(answeredFor()).toBe('nobody-here'))
    expect(none()).not.toBeNull()
  })

  it('a change of text takes back the answer on screen until the new text is answered', async () => {
    const { type, none, answeredFor } = open()
    type('nobody-here')
    await vi.waitFor(() => expect(answeredFor()).toBe('nobody-here'))
    const held = fake.current!.hold('search:global')
    type('saralopez')
    await settle()
    expect(answeredFor()).toBeNull()
    expect(none()).toBeNull()
    held.release()
    await vi.waitFor(() => expect(answeredFor()).toBe('saralopez'))
    expect([...document.querySelectorAll('[data-testid="attach-hit"]')].map((e) => e.textContent)).toEqual([expect.stringContaining('saralopez46')])
    expect(none()).toBeNull()
  })
})
