/** The page's writes are typed from the contract: a write a resource lacks, or wrong arguments, fail the typecheck. */
import { describe, expectTypeOf, it } from 'vitest'
import type { MethodArgs } from '../../electron/shared/contract'
import type { WriteActionOf, WriteArgs, WriteMethodName } from '../../electron/shared/resources'

declare const write: <R extends 'lines' | 'mags' | 'enigmas' | 'activecodes' | 'subResellers', A extends WriteActionOf<R>>(resource: R, action: A, args: WriteArgs<R, A>) => void

describe('typed writes', () => {
  it('each resource offers exactly its own writes', () => {
    expectTypeOf<WriteActionOf<'lines'>>().toEqualTypeOf<'create' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable'>()
    expectTypeOf<WriteActionOf<'mags'>>().toEqualTypeOf<'create' | 'edit' | 'extend' | 'delete' | 'enable' | 'disable' | 'convert'>()
    expectTypeOf<WriteActionOf<'activecodes'>>().extract<'reset'>().toEqualTypeOf<'reset'>()
    expectTypeOf<WriteActionOf<'subResellers'>>().toEqualTypeOf<'create' | 'edit' | 'delete' | 'enable' | 'disable' | 'adjustCredits'>()
    expectTypeOf<'lines:convert'>().not.toMatchTypeOf<WriteMethodName>()
  })

  it('a write takes its contract method arguments', () => {
    expectTypeOf<WriteArgs<'lines', 'extend'>>().toEqualTypeOf<MethodArgs<'lines:extend'>>()
    // @ts-expect-error lines cannot be converted
    write('lines', 'convert', { profileId: 'p', id: 1 })
    // @ts-expect-error an extension names its package
    write('lines', 'extend', { profileId: 'p', id: 1 })
    write('mags', 'convert', { profileId: 'p', id: 1 })
  })
})
