/**
 * Panel answer → domain value or ApiError. Pure (no I/O), so it can be fuzzed.
 *
 * Order (panel-api §3, §8, §13): HTTP status first (nginx answers 403/404/503 with
 * HTML before PHP runs), then the body: empty, `null`, plain text, HTML and
 * JSON without `status` are not answers; then `status`; then the action's
 * normaliser. For a write, anything that is not a definite answer from PHP is
 * OUTCOME_UNKNOWN: the request may have been applied.
 */
import type { ErrorCode } from '../../shared/errors'
import { STATUS_TO_CODE } from '../../shared/errors'
import { ACTIONS, type ActionName, type ResultOf } from './actions'
import { ApiError } from './api-error'
import { actionLabel } from './messages'
import { isObject, unescapeHtml, UnreadableValue } from './normalise/coerce'

const decoder = new TextDecoder('utf-8') // not fatal: invalid bytes become U+FFFD (json_encode may emit them, panel-api §3)

const BODY_EXCERPT = 120

function excerpt(text: string): string {
  return text.slice(0, BODY_EXCERPT).replace(/\s+/g, ' ')
}

/** A string the panel sent as an explanation, unescaped and bounded. */
function panelText(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined
  const t = unescapeHtml(v).trim().slice(0, 200)
  return t === '' ? undefined : t
}

export function parseResponse<A extends ActionName>(
  action: A,
  httpStatus: number,
  body: Uint8Array | string,
  sent: Record<string, unknown> = {},
): ResultOf<A> {
  const def = ACTIONS[action]
  const isWrite = def.kind === 'write'
  const fail = (
    code: ErrorCode,
    extra: { message?: string; status?: string; echo?: unknown; details?: Record<string, unknown> } = {},
  ) => new ApiError({ code, action, outcome: 'failed', httpStatus, ...extra })
  /** No definite answer: for a write it may have been applied. */
  const noAnswer = (cause: string, text: string, readMessage?: string) =>
    isWrite
      ? new ApiError({
          code: 'OUTCOME_UNKNOWN',
          action,
          outcome: 'unknown',
          httpStatus,
          details: { cause, body: excerpt(text) },
        })
      : fail('BAD_RESPONSE', {
          details: { cause, body: excerpt(text) },
          ...(readMessage ? { message: readMessage } : {}),
        })

  const text = typeof body === 'string' ? body : decoder.decode(body)

  // nginx answers these before PHP runs: nothing was applied.
  if (httpStatus === 403) throw fail('IP_FORBIDDEN')
  if (httpStatus === 503 || httpStatus === 429) throw fail('RATE_LIMITED')
  if (httpStatus === 404) throw fail('NOT_FOUND')
  if (httpStatus >= 300 && httpStatus < 400) {
    throw fail('BAD_RESPONSE', {
      message:
        'The panel redirected the request elsewhere. Check the scheme (http or https), host and port of this panel.',
      details: { cause: `HTTP_${httpStatus}` },
    })
  }
  // A PHP fatal error (500, empty body) or a gateway error may come after the write was applied.
  if (httpStatus >= 500) {
    if (isWrite) throw noAnswer(`HTTP_${httpStatus}`, text)
    throw fail('SERVER_ERROR', { details: { cause: `HTTP_${httpStatus}`, body: excerpt(text) } })
  }
  if (httpStatus >= 400 || httpStatus < 200) {
    throw fail('BAD_RESPONSE', { details: { cause: `HTTP_${httpStatus}`, body: excerpt(text) } })
  }

  const trimmed = text.trim()
  if (trimmed === '') throw noAnswer('EMPTY_BODY', text)
  // A field report of a plain-text refusal on an XM panel (panel-api §3).
  if (/^IP FORBIDDEN/i.test(trimmed)) throw fail('IP_FORBIDDEN')

  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    throw noAnswer(trimmed.startsWith('<') ? 'HTML_BODY' : 'NOT_JSON', text)
  }
  if (json === null) {
    // A list whose permission the group lacks prints literally `null` (panel-api §5).
    throw noAnswer(
      'NULL_BODY',
      text,
      'list' in def && def.list
        ? `The panel sent an empty answer when asked to ${actionLabel(action)}; this usually means your account is not allowed to see this list. Ask your provider to enable it.`
        : undefined,
    )
  }
  if (!isObject(json) || typeof json.status !== 'string') throw noAnswer('NO_STATUS', text)

  const status = json.status
  if (status !== 'STATUS_SUCCESS') {
    const said = panelText(json.error) ?? panelText(json.message)
    if (said && /invalid api key/i.test(said)) throw fail('AUTH_INVALID', { status })
    if (said && /invalid action/i.test(said)) throw fail('INVALID_ACTION', { status })
    const code: ErrorCode = STATUS_TO_CODE[status] ?? 'FAILURE'
    throw fail(code, {
      status: status.slice(0, 64),
      // On processing errors `data` is the request echoed back, not a message (panel-api §8).
      ...(json.data !== undefined && json.data !== null && json.data !== '' ? { echo: json.data } : {}),
      ...(said ? { details: { panelMessage: said } } : {}),
      ...(said && code === 'FAILURE'
        ? { message: `The panel could not ${actionLabel(action)} and said "${said}". Check the values and try again.` }
        : {}),
    })
  }

  let value: unknown
  let unreadable: string | undefined
  try {
    value = def.normalise(json, sent)
  } catch (e) {
    // Normalisers are total but for UnreadableValue; this is also a last guard so garbage never escapes as another error type.
    if (e instanceof UnreadableValue) unreadable = e.message
    value = null
  }
  if (value === null || value === undefined) {
    if (isWrite) {
      throw new ApiError({
        code: 'OUTCOME_UNKNOWN',
        action,
        outcome: 'unknown',
        httpStatus,
        status,
        message: `The panel accepted the request to ${actionLabel(action)} but its answer could not be read; it will not be resent automatically — refresh and check the panel before trying again.`,
        details: { cause: 'UNREADABLE_SUCCESS', body: excerpt(text) },
      })
    }
    throw fail('BAD_RESPONSE', {
      status,
      details: { cause: 'UNREADABLE_DATA', body: excerpt(text) },
      ...(unreadable ? { message: unreadable } : {}),
    })
  }
  return value as ResultOf<A>
}
