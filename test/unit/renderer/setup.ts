/**
 * Shared by the renderer tests: `vi.mock('../../../src/api/xm', …)` must be
 * hoisted in each test file, so each file does:
 *
 *   const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
 *   vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))
 *
 * and sets `fake.current = createFakeXm()` before creating a pinia.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'

/** Lets pending promises and Vue updates settle (several rounds: store → xm → store → DOM). */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) await flushPromises()
}

export function byTestId(id: string): HTMLElement | null {
  return document.body.querySelector(`[data-testid="${id}"]`)
}

/** A fresh pinia, made the active one (set `fake.current` first: its stores reach the core through xm). */
export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

/** `component` mounted into the page on a fresh pinia. */
export function mountOnPinia(component: Component, props: Record<string, unknown> = {}): VueWrapper {
  return mount(component as never, { props: props as never, attachTo: document.body, global: { plugins: [freshPinia()] } }) as VueWrapper
}

/** The whole app (pass `App`) mounted on a fresh pinia and settled: the first screen as the user sees it. */
export async function mountAppShell(app: Component): Promise<VueWrapper> {
  const wrapper = mountOnPinia(app)
  await settle(8)
  return wrapper
}

/** Ctrl+K, then `text` typed into the global search, which is run at once (no debounce). Returns the search box. */
export async function searchGlobally(text: string): Promise<HTMLInputElement> {
  // Imported here, not at the top: the store reaches xm, which only the files that mount the app mock.
  const { useSearchStore } = await import('../../../src/stores/search')
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, cancelable: true }))
  await settle()
  const input = byTestId('global-search') as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
  await useSearchStore().runNow()
  return input
}

/** Types `value` into the field with that test id as the user's input does; with `blur`, then leaves it (fields that tidy up on blur). */
export async function typeInto(id: string, value: string, opts: { blur?: boolean } = {}): Promise<void> {
  const el = byTestId(id) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  if (opts.blur) el.dispatchEvent(new Event('blur'))
  await settle()
}
