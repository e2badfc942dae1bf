/**
 * The only error the API client throws. It carries the panel's STATUS_* name
 * when the panel answered one, the HTTP status when there was one, and whether
 * a write certainly did not happen ('failed') or may have ('unknown').
 *
 * Everything that goes into it is scrubbed of the API key: the `api_key=` pattern
 * (redactSecrets) and the literal key when the client knows it. The raw fetch
 * error is never attached as `cause` (its text can hold the URL); only a short
 * cause code goes into `details.cause`.
 */
import type { ErrorCode } from '../../shared/errors'
import { AppError, redactSecrets, type WriteOutcome } from '../errors'
import { defaultMessage } from './messages'
import { scrubKeyText } from './scrub-key'

export interface ApiErrorInit {
  code: ErrorCode
  action: string
  outcome: WriteOutcome
  /** One sentence that says what happened and what to do; a default per code is used when absent. */
  message?: string
  status?: string
  httpStatus?: number
  echo?: unknown
  details?: Record<string, unknown>
  /** The literal key to scrub from every text (never stored). */
  secret?: string
}

const MAX_DEPTH = 8

/** Deep copy with `api_key` fields removed and every string redacted. */
export function scrub(value: unknown, secret?: string, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, secret)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[…]'
  if (Array.isArray(value)) return value.map((v) => scrub(v, secret, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (/^api_?key$/i.test(k)) continue
    out[k] = scrub(v, secret, depth + 1)
  }
  return out
}

export function scrubText(text: string, secret?: string): string {
  return scrubKeyText(redactSecrets(text), secret)
}

export class ApiError extends AppError {
  readonly status: string | undefined
  readonly httpStatus: number | undefined
  readonly action: string
  readonly echo: unknown

  constructor(init: ApiErrorInit) {
    const message = scrubText(init.message ?? defaultMessage(init.code, init.action, init.httpStatus), init.secret)
    const details = init.details ? (scrub(init.details, init.secret) as Record<string, unknown>) : undefined
    super(init.code, message, { outcome: init.outcome, ...(details ? { details } : {}) })
    this.name = 'ApiError'
    this.action = init.action
    this.status = init.status
    this.httpStatus = init.httpStatus
    this.echo = init.echo === undefined ? undefined : scrub(init.echo, init.secret)
  }

  /** A copy with the key scrubbed (for errors made before the key was known). */
  withSecret(secret: string): ApiError {
    return new ApiError({
      code: this.code,
      action: this.action,
      outcome: this.outcome,
      message: this.message,
      status: this.status,
      httpStatus: this.httpStatus,
      echo: this.echo,
      details: this.details,
      secret,
    })
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError
