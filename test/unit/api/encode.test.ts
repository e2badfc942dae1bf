import { describe, expect, it } from 'vitest'
import { encodeParams, encodeRequest } from '../../../electron/core/api/encode'

const endpoint = { scheme: 'http' as const, host: 'panel.example', port: 8080, accessCode: 'abc' }

describe('request encoding', () => {
  it('is_isplock: 1 when true, OMITTED when false (sending 0 turns the lock ON, panel-api §2)', () => {
    expect(encodeParams({ package: 1, trial: false, is_isplock: true })).toEqual([
      ['package', '1'],
      ['trial', '0'],
      ['is_isplock', '1'],
    ])
    const off = encodeParams({ package: 1, trial: true, is_isplock: false })
    expect(off).toEqual([
      ['package', '1'],
      ['trial', '1'],
    ])
    expect(off.some(([k]) => k.startsWith('is_isplock'))).toBe(false)
  })

  it('arrays as name[] pairs; undefined and null left out', () => {
    expect(
      encodeParams({
        allowed_ips: ['1.2.3.4', '5.6.7.8'],
        bouquets_selected: [3, 1],
        username: undefined,
        reseller_notes: '',
      }),
    ).toEqual([
      ['allowed_ips[]', '1.2.3.4'],
      ['allowed_ips[]', '5.6.7.8'],
      ['bouquets_selected[]', '3'],
      ['bouquets_selected[]', '1'],
      ['reseller_notes', ''],
    ])
  })

  it('list params: search[value], order[0][...], comma columns, limit capped at 1000', () => {
    expect(
      encodeParams({
        start: 2000,
        limit: 5000,
        search: 'john doe',
        filter: 4,
        orderColumn: 9,
        orderDir: 'desc',
        showColumns: ['id', 'username'],
        hideColumns: [],
      }),
    ).toEqual([
      ['start', '2000'],
      ['limit', '1000'],
      ['search[value]', 'john doe'],
      ['filter', '4'],
      ['order[0][column]', '9'],
      ['order[0][dir]', 'desc'],
      ['show_columns', 'id,username'],
    ])
  })

  it('fixed pairs (get_user hide_columns) are added', () => {
    expect(encodeParams({ id: 88 }, [['hide_columns', 'password']])).toEqual([
      ['id', '88'],
      ['hide_columns', 'password'],
    ])
  })

  it('GET: api_key, action and params in the query', () => {
    const req = encodeRequest(endpoint, 'k'.repeat(32), 'get_lines', 'GET', [
      ['search[value]', 'a b&c'],
      ['limit', '10'],
    ])
    expect(req.method).toBe('GET')
    expect(req.body).toBeUndefined()
    const url = new URL(req.url)
    expect(url.origin + url.pathname).toBe('http://panel.example:8080/abc/reseller/index.php')
    expect([...url.searchParams]).toEqual([
      ['api_key', 'k'.repeat(32)],
      ['action', 'get_lines'],
      ['search[value]', 'a b&c'],
      ['limit', '10'],
    ])
  })

  it('POST: api_key and action in the query, params in a form body', () => {
    const req = encodeRequest(endpoint, 'key', 'create_line', 'POST', [
      ['package', '1'],
      ['allowed_ips[]', '1.2.3.4'],
      ['allowed_ips[]', '::1'],
    ])
    const url = new URL(req.url)
    expect([...url.searchParams]).toEqual([
      ['api_key', 'key'],
      ['action', 'create_line'],
    ])
    expect(req.body).toBe('package=1&allowed_ips%5B%5D=1.2.3.4&allowed_ips%5B%5D=%3A%3A1')
    expect([...new URLSearchParams(req.body)]).toEqual([
      ['package', '1'],
      ['allowed_ips[]', '1.2.3.4'],
      ['allowed_ips[]', '::1'],
    ])
  })

  it('IPv6 hosts are bracketed', () => {
    expect(encodeRequest({ ...endpoint, host: '::1' }, 'k', 'user_info', 'GET', []).url).toMatch(
      /^http:\/\/\[::1\]:8080\/abc\//,
    )
  })
})
