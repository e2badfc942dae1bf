/**
 * Coded errors and the result wrapper that crosses every boundary.
 *
 * Errors thrown across IPC arrive as message text only (VS Code's IPC notes),
 * so every contract method answers `{ ok, value } | { ok: false, error }`
 * with a code the renderer turns into words in one place.
 */
import { z } from 'zod'

export const ERROR_CODES = [
  // Panel answered with a STATUS_* other than success.
  'FAILURE',
  'INSUFFICIENT_CREDITS',
  'INVALID_PACKAGE',
  'INVALID_MAC',
  'EXISTS_MAC',
  'EXISTS_USERNAME',
  'INVALID_USERNAME',
  'INVALID_PASSWORD',
  'NO_TRIALS',
  'INVALID_TYPE',
  'NO_PERMISSIONS',
  'INVALID_DATA',
  'INVALID_SUBRESELLER',
  // Panel-level refusals.
  'AUTH_INVALID', // "Invalid API key."
  'INVALID_ACTION', // "Invalid action." — not a reseller API, or an old panel
  'IP_FORBIDDEN', // 403: this computer's IP is not allowed by the access code
  'RATE_LIMITED', // 503 from nginx limit_req
  'NOT_FOUND', // 404: wrong access code or path
  'SERVER_ERROR', // other 5xx
  // Transport.
  'OFFLINE', // DNS, refused, unreachable
  'TIMEOUT', // no answer in time (reads; a write that timed out is OUTCOME_UNKNOWN)
  'OUTCOME_UNKNOWN', // a write was sent and no answer came back: never resent blindly
  'BAD_RESPONSE', // empty, null, non-JSON, not the expected shape
  // Local.
  'VALIDATION', // arguments refused before anything was sent
  'NO_KEY', // no API key stored for this panel
  'KEYCHAIN_UNAVAILABLE', // no OS keychain usable
  'NOT_FOUND_LOCAL', // unknown panel / row / journal entry
  'CACHE_ERROR',
  'JOURNAL_UNWRITABLE', // the audit journal could not be written (disk full, read-only, damaged): a write is not sent
  'CANCELLED',
  'BUSY', // a spending request for this target is already in flight
  'FORBIDDEN_SENDER', // IPC from a frame that is not ours
  'INTERNAL',
] as const
export const ErrorCode = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof ErrorCode>

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AppErrorShape = z.infer<typeof AppErrorShape>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<never> => ({ ok: false, error: details ? { code, message, details } : { code, message } })

/** The STATUS_* names of the API, mapped to our codes. */
export const STATUS_TO_CODE: Record<string, ErrorCode> = {
  STATUS_FAILURE: 'FAILURE',
  STATUS_INSUFFICIENT_CREDITS: 'INSUFFICIENT_CREDITS',
  STATUS_INVALID_PACKAGE: 'INVALID_PACKAGE',
  STATUS_INVALID_MAC: 'INVALID_MAC',
  STATUS_EXISTS_MAC: 'EXISTS_MAC',
  STATUS_EXISTS_USERNAME: 'EXISTS_USERNAME',
  STATUS_INVALID_USERNAME: 'INVALID_USERNAME',
  STATUS_INVALID_PASSWORD: 'INVALID_PASSWORD',
  STATUS_NO_TRIALS: 'NO_TRIALS',
  STATUS_INVALID_TYPE: 'INVALID_TYPE',
  STATUS_NO_PERMISSIONS: 'NO_PERMISSIONS',
  STATUS_INVALID_DATA: 'INVALID_DATA',
  STATUS_INVALID_SUBRESELLER: 'INVALID_SUBRESELLER',
}
