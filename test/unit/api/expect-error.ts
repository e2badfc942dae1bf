/** The ApiError a promise rejects with; fails the test if it resolves or rejects with anything else. */
import { ApiError } from '../../../electron/core/api/api-error'

export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ApiError) return e
    throw new Error(`expected an ApiError, got ${String(e)}`, { cause: e })
  }
  throw new Error('expected the call to fail')
}
