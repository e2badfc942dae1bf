/**
 * `app:openExternal` opens only links the app builds itself (issue #12 §4):
 * customer links of a panel the reseller added, the project's own pages, and
 * the message links (wa.me, t.me share, sms:, mailto:) in exactly the shapes
 * electron/shared/message-links.ts makes. Through the real core's dispatch.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { checkExternalLink } from '../../../electron/core/app/external-links'
import { customerLinks } from '../../../electron/shared/links'
import { messageLink } from '../../../electron/shared/message-links'
import { PROFILE_DEFAULTS } from '../../../electron/shared/profile'
import { makeCore, type TestCore } from './helpers'

let cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores) await c.close()
  cores = []
})

async function setup() {
  const opened: string[] = []
  const t = await makeCore({ openExternal: async (u) => void opened.push(u) })
  cores.push(t)
  const panel = await t.call('profiles:create', {
    ...PROFILE_DEFAULTS,
    name: 'Main',
    scheme: 'http',
    host: 'api.panel.example',
    port: 8080,
    accessCode: 'AbCdEf',
    customerDns: 'tv.panel.example',
    customerPort: 80,
  })
  const open = async (url: string) => {
    const r = await t.raw('app:openExternal', { url })
    return r.ok ? 'opened' : r.error.code
  }
  return { t, panel, opened, open }
}

describe('app:openExternal allowlist', () => {
  it("opens a known panel's customer links, at its customer or API address", async () => {
    const { open, opened } = await setup()
    const links = customerLinks({ scheme: 'http', host: 'tv.panel.example', port: 80 }, 'u1', 'p&1')
    for (const url of [links.m3u, links.playerApi, links.epg, links.magPortal]) expect(await open(url), url).toBe('opened')
    const viaApi = customerLinks({ scheme: 'http', host: 'api.panel.example', port: 8080 }, 'u1', 'p1')
    expect(await open(viaApi.m3u)).toBe('opened')
    expect(opened).toHaveLength(5)
  })

  it('opens the message links in the shapes the app builds', async () => {
    const { open, opened } = await setup()
    const text = { subject: 'Renewal', body: 'Hi, your line ends Friday: 10 € & thanks' }
    const to = { phone: '+491701234567', email: 'kunde@example.de' }
    for (const channel of ['whatsapp', 'telegram', 'sms', 'email'] as const) {
      const link = messageLink(channel, to, text)
      expect(link.url, channel).not.toBeNull()
      expect(await open(link.url!), channel).toBe('opened')
    }
    expect(opened.map((u) => u.split(/[:/?]/)[0])).toEqual(['https', 'https', 'sms', 'mailto'])
  })

  it('refuses every other link, without opening anything', async () => {
    const { open, opened } = await setup()
    for (const url of [
      'https://evil.example/',
      'https://evil.example/get.php?username=a&password=b',
      'http://tv.panel.example/admin/',
      'http://tv.panel.example:8081/get.php?username=a',
      'https://tv.panel.example/get.php?username=a',
      'http://user:pw@tv.panel.example/get.php',
      'https://wa.me/491701234567?text=hi&phone=1',
      'https://wa.me/evil?text=hi',
      'https://t.me/evilchannel',
      'https://t.me/share/url?url=https://evil.example&text=x',
      'sms:+491701234567?body=a&extra=1',
      'sms:123',
      'mailto:a@b.example?subject=x&body=y&bcc=spy@evil.example',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'tel:+491701234567',
      'not a link',
    ]) {
      expect(await open(url), url).not.toBe('opened')
    }
    expect(opened).toEqual([])
  })

  it('refuses a removed panel’s links', async () => {
    const { t, panel, open } = await setup()
    const link = customerLinks({ scheme: 'http', host: 'tv.panel.example', port: 80 }, 'u', 'p').m3u
    expect(await open(link)).toBe('opened')
    await t.call('profiles:remove', { profileId: panel.id })
    expect(await open(link)).toBe('VALIDATION')
  })

  it("opens the project's own pages when listed, by exact prefix", () => {
    const ctx = { profiles: [], projectPages: ['https://xm-desk.example/help/'] }
    expect(checkExternalLink('https://xm-desk.example/help/panels', ctx).ok).toBe(true)
    expect(checkExternalLink('https://xm-desk.example/helpdesk', ctx).ok).toBe(false)
    expect(checkExternalLink('https://xm-desk.example.evil.example/help/', ctx).ok).toBe(false)
  })
})
