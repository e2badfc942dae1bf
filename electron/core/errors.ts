/**
 * The one error class the core throws. Handlers turn it into a coded
 * `{ ok: false, error }`; anything else thrown becomes INTERNAL with a safe
 * message (never a stack, never a URL with a key).
 */
import type { ErrorCode } from '../shared/errors'

export type WriteOutcome = 'failed' | 'unknown'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined
  /** For panel writes: did the panel certainly not apply it ('failed'), or can we not know ('unknown')? */
  readonly outcome: WriteOutcome

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; outcome?: WriteOutcome; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'AppError'
    this.code = code
    this.details = opts.details
    this.outcome = opts.outcome ?? 'failed'
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

/**
 * `api_key=abcd…` → `api_key=***` in any text that may be shown or logged:
 * also a panel URL printed inside another URL (`api_key%3D…`, `api_key%253D…`),
 * JSON (escaped inside JSON, or cut short by an excerpt, so no closing quote)
 * and Node's inspect output (`api_key: '…'`).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(api_?key=)[^&\s"'#]*/gi, '$1***')
    // URL-encoded: the (hex) value ends at the next escape, e.g. %26 (&).
    .replace(/(api_?key(?:%3D|%253D))[^&%\s"'#]*/gi, '$1***')
    .replace(/((?:\\*["'])?\bapi_?key(?:\\*["'])?\s*:\s*\\*["'])[^"'\\]*/gi, '$1***')
}

/** A file the user gave (a backup, a panels export) that is not JSON: refused as VALIDATION in the words `notJson`. */
export function parseUserJson(json: string, notJson: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    throw new AppError('VALIDATION', notJson)
  }
}
