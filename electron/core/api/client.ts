/**
 * XtreamClient: the typed reseller-API client of one panel.
 *
 *   const lines = await client.call('get_lines', { start: 0, limit: 1000 })
 *
 * Every call: validate params (zod, before anything is sent; MACs normalised) →
 * wait for a concurrency slot and a rate token → one HTTP exchange with a
 * timeout → parse and normalise. Reads are retried with exponential backoff on
 * transport faults, timeouts, 503 and other 5xx (never on a STATUS_* answer).
 * Writes are NEVER resent, whatever happens: a create or an extension spends
 * credits, and an unknown outcome is for the caller to reconcile.
 *
 * Only ApiError is ever thrown, and nothing in it holds the API key.
 */
import { ACTIONS, isActionName, type ActionName, type ParamsOf, type ResultOf } from './actions'
import { ApiError, isApiError } from './api-error'
import { MAX_ANSWER_BYTES, MAX_LIST_PAGE_BYTES } from './body'
import { encodeParams, encodeRequest, type Endpoint } from './encode'
import { errorFromFault, validationError } from './fault-errors'
import { normaliseMac } from './mac'
import { parseResponse } from './parse'
import { Limiter } from './rate-limit'
import { scrubKeyBytes } from './scrub-key'
import { send, TransportFault, type FetchLike } from './transport'
import { AppError } from '../errors'

export const CLIENT_VERSION = '0.1.0'

export interface XtreamClientOptions {
  endpoint: Endpoint
  /** Read at call time (keychain); never stored by the client beyond the call. */
  getApiKey: () => Promise<string>
  /** Default globalThis.fetch; Electron passes net.fetch. */
  fetch?: FetchLike
  /** Per attempt; default 20 000. */
  timeoutMs?: number
  /** Extra attempts for reads only; default 2. */
  readRetries?: number
  /** Default 4. */
  maxConcurrent?: number
  /** Token bucket; default 15 (panels allow 20 r/s per IP). Infinity (or 0) disables it. */
  ratePerSecond?: number
  /** Default 'XMResellerDesk/<version>' (some panels sit behind Cloudflare, which refuses requests without one, panel-api §3). */
  userAgent?: string
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

export interface CallOptions {
  signal?: AbortSignal
  timeoutMs?: number
  /**
   * Given the answer's bytes as the panel sent them, once they were read as a success — but
   * with our API key, should the panel have echoed it anywhere in any form, replaced by `***`
   * (the bytes are kept: the key must never reach a file).
   */
  onAnswer?: (body: Uint8Array) => void
  /** Told before a read is sent again after a failure (the sync slows down on 503/403/timeouts at once, sync/pacer.ts). */
  onRetry?: (code: string) => void
}

export interface ClientStats {
  /** HTTP requests handed to fetch (a retried read counts each attempt). */
  requests: number
  /** Read attempts repeated after a transport fault, timeout or 5xx. */
  retries: number
}

const RETRYABLE = new Set(['OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'SERVER_ERROR'])
const MAX_BACKOFF_MS = 8000

/** `body` with every form of `key` (any case, JSON- or URL-escaped) replaced by `***` (scrub-key.ts). */
export const withoutKey = scrubKeyBytes

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class XtreamClient {
  readonly endpoint: Readonly<Endpoint>
  readonly stats: ClientStats = { requests: 0, retries: 0 }
  private readonly o: Required<Omit<XtreamClientOptions, 'endpoint' | 'getApiKey'>> &
    Pick<XtreamClientOptions, 'getApiKey'>
  private readonly limiter: Limiter

  constructor(opts: XtreamClientOptions) {
    this.endpoint = Object.freeze({ ...opts.endpoint })
    this.o = {
      getApiKey: opts.getApiKey,
      fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: opts.timeoutMs ?? 20_000,
      readRetries: opts.readRetries ?? 2,
      maxConcurrent: opts.maxConcurrent ?? 4,
      ratePerSecond: opts.ratePerSecond ?? 15,
      userAgent: opts.userAgent ?? `XMResellerDesk/${CLIENT_VERSION}`,
      sleep: opts.sleep ?? realSleep,
      now: opts.now ?? Date.now,
      random: opts.random ?? Math.random,
    }
    this.limiter = new Limiter({
      maxConcurrent: Math.max(1, this.o.maxConcurrent),
      ratePerSecond: this.o.ratePerSecond,
      now: this.o.now,
      sleep: this.o.sleep,
    })
  }

  /** Run one action. Resolves with its normalised result; rejects with ApiError only. */
  async call<A extends ActionName>(action: A, params: ParamsOf<A>, opts: CallOptions = {}): Promise<ResultOf<A>> {
    let key: string | undefined
    let sent = false
    const timeoutMs = opts.timeoutMs ?? this.o.timeoutMs
    try {
      const prepared = this.prepare(action, params)
      key = await this.readKey(action)
      const def = ACTIONS[action]
      const pairs = encodeParams(prepared, def.fixed)
      const req = encodeRequest(this.endpoint, key, action, def.method, pairs)
      for (let attempt = 0; ; attempt++) {
        try {
          const release = await this.limiter.acquire(opts.signal)
          let res
          try {
            sent = true
            this.stats.requests++
            res = await send(req, {
              fetch: this.o.fetch,
              timeoutMs,
              signal: opts.signal,
              userAgent: this.o.userAgent,
              maxBytes: 'list' in def && def.list ? MAX_LIST_PAGE_BYTES : MAX_ANSWER_BYTES,
            })
          } finally {
            release()
          }
          // Scrubbed before anything reads it: nothing parsed, stored or shown can hold the key.
          const body = scrubKeyBytes(res.body, key)
          const value = parseResponse(action, res.status, body, prepared)
          opts.onAnswer?.(body)
          return value
        } catch (e) {
          const err = e instanceof TransportFault ? errorFromFault(e, action, def.kind, timeoutMs) : e
          if (def.kind === 'read' && attempt < this.o.readRetries && isApiError(err) && RETRYABLE.has(err.code)) {
            this.stats.retries++
            opts.onRetry?.(err.code)
            await this.backoff(attempt, err.code === 'RATE_LIMITED', opts.signal)
            continue
          }
          throw err
        }
      }
    } catch (e) {
      throw this.finalError(e, action, sent, key, timeoutMs)
    }
  }

  /** Validate and shape params before anything is sent. */
  private prepare(action: string, params: unknown): Record<string, unknown> {
    if (!isActionName(action)) {
      throw new ApiError({
        code: 'VALIDATION',
        action,
        outcome: 'failed',
        message: `"${String(action).slice(0, 40)}" is not an action of the reseller API. Use one of the 44 documented actions.`,
      })
    }
    const def = ACTIONS[action]
    let input = params
    if (typeof params === 'object' && params !== null && typeof (params as { mac?: unknown }).mac === 'string') {
      input = { ...params, mac: normaliseMac((params as { mac: string }).mac, action) }
    }
    const parsed = def.params.safeParse(input ?? {})
    if (!parsed.success) throw validationError(action, parsed.error)
    return parsed.data as Record<string, unknown>
  }

  private async readKey(action: string): Promise<string> {
    let key: string
    try {
      key = await this.o.getApiKey()
    } catch (e) {
      if (e instanceof AppError)
        throw new ApiError({
          code: e.code,
          action,
          outcome: 'failed',
          message: e.message,
          ...(e.details ? { details: e.details } : {}),
        })
      throw new ApiError({
        code: 'KEYCHAIN_UNAVAILABLE',
        action,
        outcome: 'failed',
        message: "Could not read this panel's API key from the keychain. Unlock the keychain or enter the key again.",
      })
    }
    if (typeof key !== 'string' || key.trim() === '') {
      throw new ApiError({
        code: 'NO_KEY',
        action,
        outcome: 'failed',
        message: "No API key is stored for this panel. Enter the key from the panel's API settings.",
      })
    }
    return key.trim()
  }

  /** Exponential backoff with jitter; a caller's abort ends the wait (nothing more is sent). */
  private async backoff(attempt: number, rateLimited: boolean, signal?: AbortSignal): Promise<void> {
    const base = Math.min(MAX_BACKOFF_MS, (rateLimited ? 1000 : 300) * 2 ** attempt)
    const ms = base * (0.5 + this.o.random() / 2)
    if (signal?.aborted) throw new TransportFault('not-sent', 'CANCELLED')
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new TransportFault('not-sent', 'CANCELLED'))
      signal?.addEventListener('abort', onAbort, { once: true })
      this.o
        .sleep(ms)
        .then(resolve, reject)
        .finally(() => signal?.removeEventListener('abort', onAbort))
    })
  }

  /** Whatever escaped: make it an ApiError, scrubbed of the key. */
  private finalError(e: unknown, action: string, sent: boolean, key: string | undefined, timeoutMs: number): ApiError {
    const kind = isActionName(action) ? ACTIONS[action].kind : 'read'
    const err = e instanceof TransportFault ? errorFromFault(e, action, kind, timeoutMs) : e
    if (isApiError(err)) return key ? err.withSecret(key) : err
    // Not expected (the parts above throw ApiError only); a write that may have gone out stays 'unknown'.
    const unknown = kind === 'write' && sent
    return new ApiError({
      code: unknown ? 'OUTCOME_UNKNOWN' : 'INTERNAL',
      action,
      outcome: unknown ? 'unknown' : 'failed',
      details: { cause: 'INTERNAL' },
      ...(unknown
        ? {}
        : {
            message:
              'Something went wrong inside the app while talking to the panel. Try again; if it persists, report it.',
          }),
      ...(key ? { secret: key } : {}),
    })
  }
}
