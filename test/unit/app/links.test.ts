import { describe, expect, it } from 'vitest'
import { customerLinks, customerOrigin } from '../../../electron/shared/links'

describe('customerLinks', () => {
  const base = { scheme: 'http' as const, host: 'tv.example.com', port: 8080 }

  it('builds every link from the customer base and the line credentials (panel-api §11)', () => {
    const l = customerLinks(base, 'alice', 'pw123')
    expect(l).toEqual({
      username: 'alice',
      password: 'pw123',
      m3u: 'http://tv.example.com:8080/get.php?username=alice&password=pw123&type=m3u_plus&output=ts',
      playerApi: 'http://tv.example.com:8080/player_api.php?username=alice&password=pw123',
      epg: 'http://tv.example.com:8080/xmltv.php?username=alice&password=pw123',
      enigmaInstall:
        'wget -O /etc/enigma2/iptv.sh "http://tv.example.com:8080/get.php?username=alice&password=pw123&type=enigma22_script&output=ts" && chmod 777 /etc/enigma2/iptv.sh && /etc/enigma2/iptv.sh',
      magPortal: 'http://tv.example.com:8080/c/',
    })
  })

  it('URL-encodes credentials so a link cannot be cut short or break the shell line', () => {
    const l = customerLinks(base, 'a b&c', 'p#w"$`!(x)')
    const u = new URL(l.m3u)
    expect(u.searchParams.get('username')).toBe('a b&c')
    expect(u.searchParams.get('password')).toBe('p#w"$`!(x)')
    expect(u.searchParams.get('type')).toBe('m3u_plus')
    const quoted = /"([^"]*)"/.exec(l.enigmaInstall)?.[1] ?? ''
    expect(quoted).not.toMatch(/[$`!"]/)
    expect(new URL(quoted).searchParams.get('password')).toBe('p#w"$`!(x)')
    // the raw credentials are still given as they are, for showing
    expect(l.password).toBe('p#w"$`!(x)')
  })

  it('brackets IPv6 hosts and keeps https', () => {
    expect(customerOrigin({ scheme: 'https', host: '2001:db8::1', port: 443 })).toBe('https://[2001:db8::1]:443')
    expect(customerOrigin({ scheme: 'http', host: '[::1]', port: 80 })).toBe('http://[::1]:80')
    expect(customerLinks({ scheme: 'https', host: 'x.tv', port: 8443 }, 'u', 'p').magPortal).toBe('https://x.tv:8443/c/')
  })
})
