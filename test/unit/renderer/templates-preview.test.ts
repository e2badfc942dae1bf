// @vitest-environment happy-dom
/**
 * Message templates (issue #13 §3): one set per language, and a live preview of
 * the text being typed, composed by the core for a real customer (the draft,
 * not the stored template).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import type { Customer, Template } from '../../../electron/shared/customers'
import { createFakeXm, type FakeXm } from './fake-xm'
import { byTestId, freshPinia, settle } from './setup'

const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))

import TemplatesPanel from '../../../src/components/customers/TemplatesPanel.vue'
import { useCustomersStore } from '../../../src/stores/customers'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

const anna: Customer = { id: 7, name: 'Anna', phone: null, email: null, telegram: null, channel: null, language: 'de', tags: [], notes: '', createdAt: 0, updatedAt: 0, linkCount: 1 }
const template = (kind: Template['kind'], language: string, body: string): Template => ({ kind, language, subject: '', body, builtIn: language === 'en' })

describe('templates panel', () => {
  it('previews the text being typed for a real customer, and saves it for the language shown', async () => {
    fake.current = createFakeXm()
    fake.current.handlers['reminders:templates'] = (a: { language: string }) => ({ templates: [template('reminder', a.language, 'Hi {name}')], languages: ['en', 'de'] })
    fake.current.handlers['reminders:compose'] = (a: { draft?: { body: string } }) => ({
      subject: '',
      text: (a.draft?.body ?? '').replace('{name}', 'Anna').replace('{days_left}', '2'),
      links: { whatsapp: null, telegram: null, sms: null, email: null },
      linkId: null,
      missing: [],
    })
    fake.current.handlers['reminders:saveTemplate'] = (a: Template) => ({ ...a, builtIn: false })
    const pinia = freshPinia()
    useCustomersStore().rows = [anna]
    wrapper = mount(TemplatesPanel, { attachTo: document.body, global: { plugins: [pinia] } })
    await settle(6)
    const body = byTestId('tpl-body') as HTMLTextAreaElement
    body.value = 'Hallo {name}, noch {days_left} Tage'
    body.dispatchEvent(new Event('input'))
    await vi.waitFor(() => expect(byTestId('tpl-preview')?.textContent).toBe('Hallo Anna, noch 2 Tage'))
    expect(fake.current.callsOf('reminders:compose').at(-1)).toMatchObject({ customerId: 7, kind: 'reminder', draft: { body: 'Hallo {name}, noch {days_left} Tage' } })
    byTestId('tpl-save')!.click()
    await settle(6)
    expect(fake.current.callsOf('reminders:saveTemplate')).toEqual([{ kind: 'reminder', language: 'en', subject: '', body: 'Hallo {name}, noch {days_left} Tage' }])
  })
})
