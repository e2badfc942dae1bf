import { describe, expect, it } from 'vitest'
import { looksLikePanelUrl, parsePanelUrl } from '../../../electron/shared/panel-url'

const KEY = '0123456789abcdef0123456789ABCDEF'

describe('parsePanelUrl: the API address as providers hand it out', () => {
  it('takes every part of the full address: scheme, host, port, access code and key', () => {
    expect(parsePanelUrl(`http://my.dns.com:8080/xYz_9/reseller/index.php?api_key=${KEY}`)).toEqual({
      scheme: 'http',
      host: 'my.dns.com',
      port: 8080,
      portGiven: true,
      accessCode: 'xYz_9',
      apiKey: KEY,
    })
  })

  it('https without a port takes 443; http without a port takes 80', () => {
    expect(parsePanelUrl(`https://panel.example.com/abc/reseller/index.php?api_key=${KEY}`)).toMatchObject({ scheme: 'https', port: 443, portGiven: false, accessCode: 'abc', apiKey: KEY })
    expect(parsePanelUrl('http://panel.example.com/abc/reseller/index.php')).toMatchObject({ scheme: 'http', port: 80, portGiven: false, accessCode: 'abc', apiKey: null })
  })

  it('forgives junk around it: quotes, a trailing dot, other parameters, a fragment, a second word', () => {
    for (const text of [
      `  "http://p.example:25461/code1/reseller/index.php?api_key=${KEY}&action=user_info"  `,
      `<http://p.example:25461/code1/reseller/index.php?action=get_lines&api_key=${KEY}>.`,
      `http://p.example:25461/code1/reseller/index.php?api_key=${KEY}#top`,
      `http://p.example:25461/code1/reseller/index.php?api_key=${KEY} (my key)`,
      `HTTP://P.EXAMPLE:25461/code1/reseller/?api_key=${KEY}`,
    ]) {
      expect(parsePanelUrl(text), text).toMatchObject({ scheme: 'http', host: 'p.example', port: 25461, accessCode: 'code1', apiKey: KEY })
    }
  })

  it('without a scheme it is http; an IP address and a lone access-code path work too', () => {
    expect(parsePanelUrl('10.0.0.5:8000/abc/reseller/index.php')).toMatchObject({ scheme: 'http', host: '10.0.0.5', port: 8000, accessCode: 'abc' })
    expect(parsePanelUrl('http://10.0.0.5:8000/abc/')).toMatchObject({ accessCode: 'abc' })
    expect(parsePanelUrl('http://10.0.0.5:8000/')).toMatchObject({ accessCode: null, apiKey: null })
    expect(parsePanelUrl('http://10.0.0.5:8000/index.php')).toMatchObject({ accessCode: null })
  })

  it('a key that is not 32 hex characters is not taken (the form asks for it instead)', () => {
    expect(parsePanelUrl('http://p.example/abc/reseller/index.php?api_key=short')).toMatchObject({ apiKey: null })
  })

  it('no host, a bad host or a port out of range: null or no port', () => {
    expect(parsePanelUrl('')).toBeNull()
    expect(parsePanelUrl('http:///abc/reseller/index.php')).toBeNull()
    expect(parsePanelUrl('http://bad host/')).toBeNull() // a mistyped host, not an address followed by junk
    expect(parsePanelUrl('http://p.example:99999/abc/reseller/')).toMatchObject({ port: 80, portGiven: false })
  })

  it('tells an address from a plain value', () => {
    expect(looksLikePanelUrl(`https://p.example/abc/reseller/index.php?api_key=${KEY}`)).toBe(true)
    expect(looksLikePanelUrl('p.example:8080/abc/reseller/index.php')).toBe(true)
    expect(looksLikePanelUrl('p.example')).toBe(false)
    expect(looksLikePanelUrl(KEY)).toBe(false)
    expect(looksLikePanelUrl('abc')).toBe(false)
  })
})
