/**
 * One HTTP exchange, with a timeout and the caller's abort signal, and faults
 * classified by what they tell us about the request:
 * - 'not-sent': nothing reached the panel (DNS failure, connection refused,
 *   unreachable, TLS refused) — a write certainly did not happen;
 * - 'maybe-sent': the connection broke after it was made (reset, socket closed,
 *   unknown errors) — a write may have happened;
 * - 'timeout' / 'aborted': our own abort after fetch() was called — likewise maybe-sent.
 *
 * The raw error is reduced to a cause CODE (e.g. ECONNRESET, net::ERR_NAME_NOT_RESOLVED);
 * its message is never kept, because fetch errors can quote the URL and the URL holds the key.
 */
import { BodyTooLarge, readCapped } from './body'
import type { EncodedRequest } from './encode'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface RawResponse {
  status: number
  body: Uint8Array
}

/** 'too-large': the panel answered, but with more bytes than one answer may have (body.ts). */
export type FaultKind = 'not-sent' | 'maybe-sent' | 'timeout' | 'aborted' | 'invalid-url' | 'too-large'

export class TransportFault extends Error {
  constructor(
    readonly kind: FaultKind,
    /** A short code, never a message: ECONNREFUSED, net::ERR_CONNECTION_RESET, TIMEOUT … */
    readonly code: string,
    /** For 'too-large': the cap that was passed, in bytes. */
    readonly limit?: number,
  ) {
    super(kind)
    this.name = 'TransportFault'
  }
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_NAME_RESOLUTION_FAILED',
  'net::ERR_INTERNET_DISCONNECTED',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_CONNECTION_TIMED_OUT',
  'net::ERR_PROXY_CONNECTION_FAILED',
  'net::ERR_NETWORK_ACCESS_DENIED',
])
/** TLS handshake refusals: the request itself was never sent. */
export const TLS_CAUSE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/

const CODE_RE = /net::ERR_[A-Z_]+|\b(?:E[A-Z]{3,}|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)\b/

/** Walk error, cause and AggregateError members for codes, without keeping any message. */
function causeCodes(e: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 5 || e === null || typeof e !== 'object') return out
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  if (typeof err.code === 'string' && /^[A-Za-z0-9_:.]{1,60}$/.test(err.code)) out.push(err.code)
  if (typeof err.message === 'string') {
    const m = CODE_RE.exec(err.message)
    if (m) out.push(m[0])
    if (/invalid url|failed to parse url/i.test(err.message)) out.push('ERR_INVALID_URL')
    // fetch refuses "bad ports" (6000, 10080, …) before connecting.
    if (/^bad port$/i.test(err.message)) out.push('BAD_PORT')
    if (/other side closed|socket hang up/i.test(err.message)) out.push('UND_ERR_SOCKET')
  }
  causeCodes(err.cause, depth + 1, out)
  if (Array.isArray(err.errors)) for (const x of err.errors.slice(0, 5)) causeCodes(x, depth + 1, out)
  return out
}

export function classifyFetchError(e: unknown): TransportFault {
  const codes = causeCodes(e)
  const invalid = codes.find((c) => c === 'ERR_INVALID_URL' || c === 'BAD_PORT')
  if (invalid) return new TransportFault('invalid-url', invalid)
  const notSent = codes.find((c) => NOT_SENT.has(c) || TLS_CAUSE.test(c))
  if (notSent) return new TransportFault('not-sent', notSent)
  return new TransportFault('maybe-sent', codes[0] ?? 'UNKNOWN')
}

export interface SendOptions {
  fetch: FetchLike
  timeoutMs: number
  signal: AbortSignal | undefined
  userAgent: string
  /** The most bytes the answer may have (body.ts); past it the read is abandoned. */
  maxBytes: number
}

export async function send(req: EncodedRequest, o: SendOptions): Promise<RawResponse> {
  if (o.signal?.aborted) throw new TransportFault('not-sent', 'CANCELLED')
  const ctrl = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    ctrl.abort()
  }, o.timeoutMs)
  const onAbort = () => ctrl.abort()
  o.signal?.addEventListener('abort', onAbort, { once: true })
  const headers: Record<string, string> = { 'User-Agent': o.userAgent, Accept: 'application/json, text/plain, */*' }
  if (req.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  try {
    // redirect: 'manual' — following would hand the api_key in the query to whatever host the redirect names.
    const res = await o.fetch(req.url, {
      method: req.method,
      headers,
      body: req.body,
      signal: ctrl.signal,
      redirect: 'manual',
    })
    const body = await readCapped(res, o.maxBytes)
    return { status: res.status, body }
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      ctrl.abort()
      throw new TransportFault('too-large', 'BODY_TOO_LARGE', e.limit)
    }
    if (timedOut) throw new TransportFault('timeout', 'TIMEOUT')
    if (o.signal?.aborted) throw new TransportFault('aborted', 'CANCELLED')
    throw classifyFetchError(e)
  } finally {
    clearTimeout(timer)
    o.signal?.removeEventListener('abort', onAbort)
  }
}
