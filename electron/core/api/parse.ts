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

/** One answer being read: what was asked and what came back. */
interface Answer {
  action: ActionName
  isWrite: boolean
  isList: boolean
  httpStatus: number
  text: string
}

type FailExtra = { message?: string; status?: string; echo?: unknown; details?: Record<string, unknown> }

const fail = (a: Answer, code: ErrorCode, extra: FailExtra = {}) =>
  new ApiError({ code, action: a.action, outcome: 'failed', httpStatus: a.httpStatus, ...extra })

/** No definite answer: for a write it may have been applied. */
function noAnswer(a: Answer, cause: string, readMessage?: string): ApiError {
  const details = { cause, body: excerpt(a.text) }
  if (a.isWrite) return new ApiError({ code: 'OUTCOME_UNKNOWN', action: a.action, outcome: 'unknown', httpStatus: a.httpStatus, details })
  return fail(a, 'BAD_RESPONSE', { details, ...(readMessage ? { message: readMessage } : {}) })
}

/** The HTTP status, before any body is read. */
function checkHttp(a: Answer): void {
  const { httpStatus } = a
  // nginx answers these before PHP runs: nothing was applied.
  if (httpStatus === 403) throw fail(a, 'IP_FORBIDDEN')
  if (httpStatus === 503 || httpStatus === 429) throw fail(a, 'RATE_LIMITED')
  if (httpStatus === 404) throw fail(a, 'NOT_FOUND')
  if (httpStatus >= 300 && httpStatus < 400) {
    throw fail(a, 'BAD_RESPONSE', {
      message:
        'The panel redirected the request elsewhere. Check the scheme (http or https), host and port of this panel.',
      details: { cause: `HTTP_${httpStatus}` },
    })
  }
  // A PHP fatal error (500, empty body) or a gateway error may come after the write was applied.
  if (httpStatus >= 500) {
    if (a.isWrite) throw noAnswer(a, `HTTP_${httpStatus}`)
    throw fail(a, 'SERVER_ERROR', { details: { cause: `HTTP_${httpStatus}`, body: excerpt(a.text) } })
  }
  if (httpStatus >= 400 || httpStatus < 200) {
    throw fail(a, 'BAD_RESPONSE', { details: { cause: `HTTP_${httpStatus}`, body: excerpt(a.text) } })
  }
}

/** The body as a JSON object with a `status`: anything else is not an answer. */
function readEnvelope(a: Answer): Record<string, unknown> & { status: string } {
  const trimmed = a.text.trim()
  if (trimmed === '') throw noAnswer(a, 'EMPTY_BODY')
  // A field report of a plain-text refusal on an XM panel (panel-api §3).
  if (/^IP FORBIDDEN/i.test(trimmed)) throw fail(a, 'IP_FORBIDDEN')
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    throw noAnswer(a, trimmed.startsWith('<') ? 'HTML_BODY' : 'NOT_JSON')
  }
  if (json === null) {
    // A list whose permission the group lacks prints literally `null` (panel-api §5).
    throw noAnswer(
      a,
      'NULL_BODY',
      a.isList
        ? `The panel sent an empty answer when asked to ${actionLabel(a.action)}; this usually means your account is not allowed to see this list. Ask your provider to enable it.`
        : undefined,
    )
  }
  if (!isObject(json) || typeof json.status !== 'string') throw noAnswer(a, 'NO_STATUS')
  return json as Record<string, unknown> & { status: string }
}

/** A status other than success, as the error it means. */
function refusal(a: Answer, json: Record<string, unknown> & { status: string }): ApiError {
  const { status } = json
  const said = panelText(json.error) ?? panelText(json.message)
  if (said && /invalid api key/i.test(said)) return fail(a, 'AUTH_INVALID', { status })
  if (said && /invalid action/i.test(said)) return fail(a, 'INVALID_ACTION', { status })
  const code: ErrorCode = STATUS_TO_CODE[status] ?? 'FAILURE'
  return fail(a, code, {
    status: status.slice(0, 64),
    // On processing errors `data` is the request echoed back, not a message (panel-api §8).
    ...(json.data !== undefined && json.data !== null && json.data !== '' ? { echo: json.data } : {}),
    ...(said ? { details: { panelMessage: said } } : {}),
    ...(said && code === 'FAILURE'
      ? { message: `The panel could not ${actionLabel(a.action)} and said "${said}". Check the values and try again.` }
      : {}),
  })
}

/** A success whose data the normaliser could not read. */
function unreadableSuccess(a: Answer, status: string, unreadable: string | undefined): ApiError {
  if (a.isWrite) {
    return new ApiError({
      code: 'OUTCOME_UNKNOWN',
      action: a.action,
      outcome: 'unknown',
      httpStatus: a.httpStatus,
      status,
      message: `The panel accepted the request to ${actionLabel(a.action)} but its answer could not be read; it will not be resent automatically — refresh and check the panel before trying again.`,
      details: { cause: 'UNREADABLE_SUCCESS', body: excerpt(a.text) },
    })
  }
  return fail(a, 'BAD_RESPONSE', {
    status,
    details: { cause: 'UNREADABLE_DATA', body: excerpt(a.text) },
    ...(unreadable ? { message: unreadable } : {}),
  })
}

export function parseResponse<A extends ActionName>(
  action: A,
  httpStatus: number,
  body: Uint8Array | string,
  sent: Record<string, unknown> = {},
): ResultOf<A> {
  const def = ACTIONS[action]
  const a: Answer = {
    action,
    isWrite: def.kind === 'write',
    isList: 'list' in def && def.list === true,
    httpStatus,
    text: typeof body === 'string' ? body : decoder.decode(body),
  }
  checkHttp(a)
  const json = readEnvelope(a)
  if (json.status !== 'STATUS_SUCCESS') throw refusal(a, json)

  let value: unknown
  let unreadable: string | undefined
  try {
    value = def.normalise(json, sent)
  } catch (e) {
    // Normalisers are total but for UnreadableValue; this is also a last guard so garbage never escapes as another error type.
    if (e instanceof UnreadableValue) unreadable = e.message
    value = null
  }
  if (value === null || value === undefined) throw unreadableSuccess(a, json.status, unreadable)
  return value as ResultOf<A>
}
