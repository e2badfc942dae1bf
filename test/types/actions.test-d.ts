/**
 * The types derived from the action table. A type-level test: vitest checks it
 * with tsc (`typecheck` in vitest.config.ts), so `npm test` fails when a type
 * drifts — an expectTypeOf inside a normal test would pass whatever the types.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type { ParamsOf, ResultOf } from '../../electron/core/api/actions'
import type { ListResult } from '../../electron/core/api/normalise/list'
import type {
  AccountInfo,
  ActiveCode,
  CreditLog,
  EnigmaDevice,
  Line,
  MagDevice,
  Package,
  SubReseller,
} from '../../electron/shared/domain'

describe('ACTIONS types', () => {
  it('derives the param types per action', () => {
    expectTypeOf<ParamsOf<'create_line'>>().toHaveProperty('package')
    // is_isplock is a boolean the encoder sends only when true (panel-api §2).
    expectTypeOf<ParamsOf<'create_line'>['is_isplock']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<ParamsOf<'get_lines'>['filter']>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | undefined>()
  })

  it('derives the result types per action', () => {
    expectTypeOf<ResultOf<'user_info'>>().toEqualTypeOf<AccountInfo>()
    expectTypeOf<ResultOf<'packages'>>().toEqualTypeOf<Package[]>()
    expectTypeOf<ResultOf<'get_line'>>().toEqualTypeOf<Line>()
    expectTypeOf<ResultOf<'create_line'>>().toEqualTypeOf<Line>()
    expectTypeOf<ResultOf<'convert_enigma'>>().toEqualTypeOf<Line>()
    expectTypeOf<ResultOf<'edit_mag'>>().toEqualTypeOf<MagDevice>()
    expectTypeOf<ResultOf<'get_enigmas'>>().toEqualTypeOf<ListResult<EnigmaDevice>>()
    expectTypeOf<ResultOf<'create_activecode'>>().toEqualTypeOf<ActiveCode>()
    expectTypeOf<ResultOf<'reset_activecode'>>().toEqualTypeOf<{ oldCode: string; newCode: string }>()
    expectTypeOf<ResultOf<'create_user'>>().toEqualTypeOf<SubReseller>()
    expectTypeOf<ResultOf<'user_logs'>>().toEqualTypeOf<ListResult<CreditLog>>()
    expectTypeOf<ResultOf<'delete_user'>>().toEqualTypeOf<true>()
    expectTypeOf<ResultOf<'adjust_credits'>>().toEqualTypeOf<{
      id: number
      creditsBefore: number | null
      creditsAfter: number | null
      adjusted: number
    }>()
  })
})
