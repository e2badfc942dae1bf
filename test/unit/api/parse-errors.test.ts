/** Error mapping of parseResponse: HTTP status, body shape and STATUS_* → ApiError (panel-api §3, §8, §13). */
import { describe, expect, it } from 'vitest'
import { STATUS_TO_CODE } from '../../../electron/shared/errors'
import { ApiError } from '../../../electron/core/api/api-error'
import { parseResponse } from '../../../electron/core/api/parse'
import type { ActionName } from '../../../electron/core/api/actions'

function caught(action: ActionName, status: number, body: string, sent: Record<string, unknown> = {}): ApiError {
  try {
    parseResponse(action, status, body, sent)
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected parseResponse to throw')
}

const NGINX_403 =
  '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>'
const NGINX_503 = NGINX_403.replace(/403 Forbidden/g, '503 Service Temporarily Unavailable')

describe('panel refusals and transport-level answers', () => {
  it.each([
    ['get_lines', 403, NGINX_403, 'IP_FORBIDDEN'],
    ['create_line', 403, '', 'IP_FORBIDDEN'],
    ['get_lines', 200, 'IP FORBIDDEN', 'IP_FORBIDDEN'],
    ['create_line', 200, 'IP FORBIDDEN\n', 'IP_FORBIDDEN'],
    ['get_lines', 503, NGINX_503, 'RATE_LIMITED'],
    ['create_line', 503, NGINX_503, 'RATE_LIMITED'],
    ['user_info', 404, '<html>404 Not Found</html>', 'NOT_FOUND'],
    ['get_line', 500, '', 'SERVER_ERROR'],
    ['get_line', 502, '<html>Bad Gateway</html>', 'SERVER_ERROR'],
    ['get_line', 301, '', 'BAD_RESPONSE'],
    ['create_line', 302, '', 'BAD_RESPONSE'],
  ] as const)('%s HTTP %i %j → %s, failed', (action, status, body, code) => {
    const e = caught(action, status, body, { package: 1, trial: false, id: 1 })
    expect(e.code).toBe(code)
    expect(e.outcome).toBe('failed')
    expect(e.httpStatus).toBe(status)
    expect(e.message).toMatch(/\.$/)
  })

  it('IP_FORBIDDEN says what to do', () => {
    expect(caught('user_info', 403, NGINX_403).message).toBe(
      "The panel refused this computer's IP address. Ask your provider to allow it for your API access code.",
    )
  })

  it.each([
    ['empty', ''],
    ['whitespace', ' \n'],
    ['null', 'null'],
    ['text', 'Invalid Authorization or URL / 404 Error.'],
    ['html', '<!doctype html><p>Fatal error</p>'],
    ['truncated json', '{"status":"STATUS_SUCC'],
    ['json without status', '{"data":[]}'],
    ['json array', '[1,2]'],
    ['json number', '42'],
  ])('read with %s body → BAD_RESPONSE, failed', (_name, body) => {
    const e = caught('get_lines', 200, body)
    expect(e.code).toBe('BAD_RESPONSE')
    expect(e.outcome).toBe('failed')
    expect(typeof e.details?.cause).toBe('string')
  })

  it.each([
    ['empty', 200, ''],
    ['null', 200, 'null'],
    ['text', 200, 'oops'],
    ['html', 200, '<html>'],
    ['json without status', 200, '{"ok":true}'],
    ['500 empty (PHP fatal)', 500, ''],
    ['502 gateway', 502, '<html>Bad Gateway</html>'],
  ])('write with %s → OUTCOME_UNKNOWN, unknown, never a plain failure', (_name, status, body) => {
    const e = caught('create_line', status, body, { package: 1, trial: false })
    expect(e.code).toBe('OUTCOME_UNKNOWN')
    expect(e.outcome).toBe('unknown')
    expect(e.message).toMatch(/may or may not have been applied/)
    expect(e.message).toMatch(/will not be resent/)
    expect(typeof e.details?.cause).toBe('string')
  })

  it('a list answering literal null hints at the missing permission (panel-api §5)', () => {
    const e = caught('get_mags', 200, 'null')
    expect(e.code).toBe('BAD_RESPONSE')
    expect(e.details?.cause).toBe('NULL_BODY')
    expect(e.message).toMatch(/not allowed to see this list/)
  })
})

describe('STATUS_* answers', () => {
  it('bad key and unknown action (HTTP 200 + error text)', () => {
    const bad = caught('user_info', 200, '{"status":"STATUS_FAILURE","error":"Invalid API key."}')
    expect(bad).toMatchObject({ code: 'AUTH_INVALID', status: 'STATUS_FAILURE', outcome: 'failed' })
    const act = caught('get_activecodes', 200, '{"status":"STATUS_FAILURE","error":"Invalid action."}')
    expect(act).toMatchObject({ code: 'INVALID_ACTION', status: 'STATUS_FAILURE' })
  })

  it.each(Object.entries(STATUS_TO_CODE))('%s → %s, failed, even for writes', (status, code) => {
    const e = caught('create_line', 200, JSON.stringify({ status }), { package: 1, trial: false })
    expect(e.code).toBe(code)
    expect(e.status).toBe(status)
    expect(e.outcome).toBe('failed')
    expect(e.message.length).toBeGreaterThan(20)
  })

  it('an unknown STATUS_* is a FAILURE that keeps the name', () => {
    expect(caught('get_line', 200, '{"status":"STATUS_SOMETHING_NEW"}', { id: 1 })).toMatchObject({
      code: 'FAILURE',
      status: 'STATUS_SOMETHING_NEW',
    })
  })

  it('processing errors carry the echoed request in `echo`, without api_key (panel-api §8)', () => {
    const body = JSON.stringify({
      status: 'STATUS_EXISTS_USERNAME',
      data: { username: 'taken', package: '1', api_key: 'deadbeef'.repeat(4) },
    })
    const e = caught('create_line', 200, body, { package: 1, trial: false, username: 'taken' })
    expect(e.code).toBe('EXISTS_USERNAME')
    expect(e.echo).toEqual({ username: 'taken', package: '1' })
    expect(JSON.stringify(e)).not.toContain('deadbeef')
  })

  it('a panel explanation on FAILURE is kept in the message and details', () => {
    const e = caught('create_activecode', 200, '{"status":"STATUS_FAILURE","error":"Code &lt;dup&gt; exists"}', {
      package: 1,
      trial: false,
    })
    expect(e.details?.panelMessage).toBe('Code <dup> exists')
    expect(e.message).toMatch(/said "Code <dup> exists"/)
  })
})

describe('success answers that cannot be read', () => {
  it('a read with unusable data → BAD_RESPONSE', () => {
    expect(caught('get_line', 200, '{"status":"STATUS_SUCCESS","data":{"username":"no id"}}', { id: 1 }).code).toBe(
      'BAD_RESPONSE',
    )
    expect(caught('get_lines', 200, '{"status":"STATUS_SUCCESS"}').code).toBe('BAD_RESPONSE')
    expect(caught('user_info', 200, '{"status":"STATUS_SUCCESS","data":[]}').code).toBe('BAD_RESPONSE')
  })

  it('a write that succeeded without a readable row → OUTCOME_UNKNOWN with the success status kept', () => {
    const e = caught('create_line', 200, '{"status":"STATUS_SUCCESS","data":"ok"}', { package: 1, trial: false })
    expect(e).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', status: 'STATUS_SUCCESS' })
    expect(e.details?.cause).toBe('UNREADABLE_SUCCESS')
    expect(caught('reset_activecode', 200, '{"status":"STATUS_SUCCESS","data":{"old_code":"a"}}', { id: 1 }).code).toBe(
      'OUTCOME_UNKNOWN',
    )
  })
})
