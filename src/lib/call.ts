/**
 * Every store action goes through `call`: `ok: false` → notifyError → null.
 * A rejected promise (the transport itself broke) is reported the same way.
 */
import type { Result } from '../../electron/shared/errors'
import { notifyError } from './notify'

export async function call<T>(request: () => Promise<Result<T>>, opts: { quiet?: boolean } = {}): Promise<T | null> {
  const r = await settle(request)
  if (r.ok) return r.value
  if (!opts.quiet) notifyError(r.error)
  return null
}

/** Like `call` but hands the error back too (forms keep what the user typed and show it inline). */
export async function settle<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request()
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
  }
}
