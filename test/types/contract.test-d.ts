/** The page's handle is typed from the contract (checked by tsc through vitest's typecheck mode). */
import { describe, expectTypeOf, it } from 'vitest'
import type { XmApi } from '../../electron/shared/contract'

describe('contract types', () => {
  it('types the handle from the contract', () => {
    expectTypeOf<XmApi['lines']['create']>().parameter(0).toHaveProperty('packageId')
    expectTypeOf<XmApi['sync']['onProgress']>().toBeFunction()
    expectTypeOf<XmApi['profiles']['list']>().toBeFunction()
    // Subscribing returns the unsubscribe function (STYLE: narrow preload).
    expectTypeOf<ReturnType<XmApi['sync']['onProgress']>>().toEqualTypeOf<() => void>()
  })
})
