/**
 * A balance the panel sent but that is no number (issue #12 §5): `1e309` (JSON.parse
 * makes it Infinity), "1e309", "NaN", "abc" are a bad answer, not "0 credits".
 * A missing balance stays what it was (0: some panels leave it out of user_info for
 * groups without credits).
 */
import { describe, expect, it } from 'vitest'
import { parseResponse } from '../../../electron/core/api/parse'
import { apiError } from './expect-error'

const answer = (credits: string) => `{"status":"STATUS_SUCCESS","data":{"id":7,"username":"r1","credits":${credits}}}`

describe('user_info with an unreadable balance', () => {
  it.each(['1e309', '-1e309', '"1e309"', '"NaN"', '"abc"', '"12 credits"', '{}', '[5]', 'true'])(
    'credits %s → BAD_RESPONSE, never 0',
    async (credits) => {
      const e = await apiError(Promise.resolve().then(() => parseResponse('user_info', 200, answer(credits))))
      expect(e.code).toBe('BAD_RESPONSE')
      expect(e.message).toMatch(/balance/i)
    },
  )

  it.each([
    ['12.5', 12.5],
    ['"300"', 300],
    ['0', 0],
    ['"0"', 0],
    ['null', 0],
  ])('credits %s → %s', (credits, want) => {
    expect(parseResponse('user_info', 200, answer(credits)).credits).toBe(want)
  })
})
