/**
 * Transport faults and refused params → ApiError, with the write rule applied:
 * a write that may have reached the panel is OUTCOME_UNKNOWN ('unknown'); one
 * that certainly did not (nothing connected, or still queued) is 'failed'.
 */
import type { z } from 'zod'
import { ACTIONS, isActionName, type ActionKind } from './actions'
import { ApiError } from './api-error'
import { sizeLabel } from './body'
import { actionLabel } from './messages'
import { TLS_CAUSE, type TransportFault } from './transport'

export function errorFromFault(f: TransportFault, action: string, kind: ActionKind, timeoutMs: number): ApiError {
  const details = { cause: f.code }
  const failed = { action, outcome: 'failed' as const, details }
  switch (f.kind) {
    case 'invalid-url':
      return new ApiError({
        ...failed,
        code: 'VALIDATION',
        message: "This panel's address (host, port or access code) is not valid. Correct it in the panel settings.",
      })
    case 'not-sent':
      if (f.code === 'CANCELLED') return new ApiError({ ...failed, code: 'CANCELLED' })
      if (TLS_CAUSE.test(f.code)) {
        return new ApiError({
          ...failed,
          code: 'OFFLINE',
          message:
            "Could not open a secure (https) connection: the panel's certificate was refused. Check whether this panel uses http or https.",
        })
      }
      return new ApiError({ ...failed, code: 'OFFLINE' })
    default:
      break
  }
  // From here the request may have reached the panel.
  if (kind === 'write') return new ApiError({ code: 'OUTCOME_UNKNOWN', action, outcome: 'unknown', details })
  if (f.kind === 'timeout') {
    return new ApiError({
      ...failed,
      code: 'TIMEOUT',
      message: `The panel did not answer within ${Math.round(timeoutMs / 100) / 10} seconds when asked to ${actionLabel(action)}. Try again; if it keeps happening, the panel may be overloaded.`,
    })
  }
  if (f.kind === 'too-large') {
    const def = isActionName(action) ? ACTIONS[action] : undefined
    const what = def && 'list' in def && def.list ? 'one page' : 'one answer'
    return new ApiError({
      ...failed,
      code: 'BAD_RESPONSE',
      details: { ...details, limit: f.limit },
      message: `The panel sent more than ${sizeLabel(f.limit ?? 0)} for ${what} when asked to ${actionLabel(action)}, so the app stopped reading it. The panel (or something in front of it) is misbehaving; try again later or ask your provider.`,
    })
  }
  if (f.kind === 'aborted')
    return new ApiError({
      ...failed,
      code: 'CANCELLED',
      message: `The request to ${actionLabel(action)} was cancelled. Start it again when you are ready.`,
    })
  return new ApiError({
    ...failed,
    code: 'OFFLINE',
    message: 'The connection to the panel broke before it answered. Check your internet connection and try again.',
  })
}

export function validationError(action: string, error: z.ZodError): ApiError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'the parameters'
  const why = issue ? issue.message.replace(/\.$/, '') : 'not valid'
  return new ApiError({
    code: 'VALIDATION',
    action,
    outcome: 'failed',
    message: `Cannot ${actionLabel(action)}: ${field} is not valid (${why}). Correct it and try again.`,
    details: { issues: error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })) },
  })
}
