/**
 * Shared by the renderer tests: `vi.mock('../../../src/api/xm', …)` must be
 * hoisted in each test file, so each file does:
 *
 *   const fake = vi.hoisted(() => ({ current: null as FakeXm | null }))
 *   vi.mock('../../../src/api/xm', () => ({ get xm() { return fake.current!.xm }, transport: 'loopback' }))
 *
 * and sets `fake.current = createFakeXm()` before creating a pinia.
 */
import { flushPromises } from '@vue/test-utils'

/** Lets pending promises and Vue updates settle (several rounds: store → xm → store → DOM). */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) await flushPromises()
}

export function byTestId(id: string): HTMLElement | null {
  return document.body.querySelector(`[data-testid="${id}"]`)
}
