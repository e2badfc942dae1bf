/** Fetch errors → what they tell us about whether the request reached the panel. */
import { describe, expect, it } from 'vitest'
import { classifyFetchError } from '../../../electron/core/api/transport'

const undici = (code: string, message: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) })

describe('classifyFetchError', () => {
  it.each([
    [undici('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'not-sent', 'ECONNREFUSED'],
    [undici('ENOTFOUND', 'getaddrinfo ENOTFOUND panel.invalid'), 'not-sent', 'ENOTFOUND'],
    [undici('EAI_AGAIN', 'getaddrinfo EAI_AGAIN panel'), 'not-sent', 'EAI_AGAIN'],
    [undici('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'not-sent', 'UND_ERR_CONNECT_TIMEOUT'],
    [undici('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'not-sent', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'not-sent', 'net::ERR_NAME_NOT_RESOLVED'],
    [new Error('net::ERR_CONNECTION_REFUSED'), 'not-sent', 'net::ERR_CONNECTION_REFUSED'],
    [undici('UND_ERR_SOCKET', 'other side closed'), 'maybe-sent', 'UND_ERR_SOCKET'],
    [undici('ECONNRESET', 'read ECONNRESET'), 'maybe-sent', 'ECONNRESET'],
    [new Error('net::ERR_CONNECTION_RESET'), 'maybe-sent', 'net::ERR_CONNECTION_RESET'],
    [new Error('net::ERR_EMPTY_RESPONSE'), 'maybe-sent', 'net::ERR_EMPTY_RESPONSE'],
    [new Error('socket hang up'), 'maybe-sent', 'UND_ERR_SOCKET'],
    [new Error('something odd'), 'maybe-sent', 'UNKNOWN'],
    ['not even an error', 'maybe-sent', 'UNKNOWN'],
    [
      Object.assign(new TypeError('Failed to parse URL from http://x y/?api_key=abc'), {
        cause: Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
      }),
      'invalid-url',
      'ERR_INVALID_URL',
    ],
    [Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') }), 'invalid-url', 'BAD_PORT'],
  ])('%#: → %s (%s)', (err, kind, code) => {
    const f = classifyFetchError(err)
    expect(f.kind).toBe(kind)
    expect(f.code).toBe(code)
  })

  it('keeps only a code, never the message (which can quote the URL and its key)', () => {
    const f = classifyFetchError(
      Object.assign(new TypeError('Failed to parse URL from http://h/?api_key=SECRETKEY'), { code: 'ERR_INVALID_URL' }),
    )
    expect(JSON.stringify({ kind: f.kind, code: f.code, message: f.message })).not.toContain('SECRETKEY')
  })
})
