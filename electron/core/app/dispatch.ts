/**
 * The one door into the core for both transports (Electron IPC and the
 * loopback WebSocket host): name + raw args in, a Result out — never a throw.
 *
 * - the name must be a contract method (anything else is refused, not looked up
 *   on the handlers object, so `__proto__` or `toString` can never be called);
 * - the args are parsed with the contract's schema; the first problem is told
 *   as a sentence with its path;
 * - an AppError keeps its code, message and details (scrubbed of `api_key=`);
 * - anything else is a bug: INTERNAL with a fixed sentence, nothing of its text
 *   or stack (which may hold a URL with a key, or a file path).
 */
import type { z } from 'zod'
import { isMethodName, parseArgs, type ContractHandlers } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import { isAppError, redactSecrets } from '../errors'

export const INTERNAL_MESSAGE = 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.'

export type Dispatch = (name: unknown, rawArgs: unknown) => Promise<Result<unknown>>

export interface DispatchOptions {
  /** Told of every non-AppError (a bug) with the method name; the page only ever sees INTERNAL. */
  onInternal?: (method: string, error: unknown) => void
}

export async function dispatch(handlers: ContractHandlers, name: unknown, rawArgs: unknown, opts: DispatchOptions = {}): Promise<Result<unknown>> {
  if (!isMethodName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 60)}"` : 'This request'
    return fail('VALIDATION', `${shown} is not something the app can do.`)
  }
  const parsed = parseArgs(name, rawArgs)
  if (!parsed.success) return fail('VALIDATION', describeIssue(parsed.error), { issues: issueList(parsed.error) })
  const handler = handlers[name] as (args: unknown) => Promise<unknown>
  try {
    return ok(await handler(parsed.data))
  } catch (e) {
    if (!isAppError(e)) opts.onInternal?.(name, e)
    return toFailure(e)
  }
}

/** A thrown value → the Result the page sees. */
export function toFailure(e: unknown): Result<never> {
  if (isAppError(e)) {
    const details = e.details === undefined ? undefined : (scrubDetails(e.details) as Record<string, unknown>)
    return fail(e.code, redactSecrets(e.message), details)
  }
  return fail('INTERNAL', INTERNAL_MESSAGE)
}

/** "profileIds.0: Too small: expected string to have >=1 characters" → a sentence. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'The request was not valid.'
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  const what = issue.message.replace(/\.$/, '')
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : ''
  return `${where}${what}${more}.`
}

function issueList(error: z.ZodError): { path: string[]; message: string }[] {
  return error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message }))
}

const MAX_DEPTH = 8

/** Every string in details redacted; `apiKey`-like fields dropped (defence in depth: nothing should put one there). */
function scrubDetails(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[…]'
  if (Array.isArray(value)) return value.map((v) => scrubDetails(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (/^api_?key$/i.test(k)) continue
    out[k] = scrubDetails(v, depth + 1)
  }
  return out
}
