import { describe, expect, it } from 'vitest'
import { isMessageLink, messageLink, MESSAGE_CHANNELS } from '../../../electron/shared/message-links'

const to = { phone: '+491701234567', email: 'anna.k+tv@example.com' }
const text = { subject: 'Your TV & more', body: 'Hi Anna,\nexpires 2026-12-09 #1 ok? 100% + more' }

describe('message links', () => {
  it('builds the exact WhatsApp link: digits only, text URL-encoded', () => {
    expect(messageLink('whatsapp', to, text)).toEqual({
      url: 'https://wa.me/491701234567?text=Hi%20Anna%2C%0Aexpires%202026-12-09%20%231%20ok%3F%20100%25%20%2B%20more',
    })
  })

  it('builds Telegram share, sms: and mailto: links', () => {
    expect(messageLink('telegram', to, { body: 'a b' })).toEqual({ url: 'https://t.me/share/url?url=%20&text=a%20b' })
    expect(messageLink('sms', to, { body: 'a&b' })).toEqual({ url: 'sms:+491701234567?body=a%26b' })
    expect(messageLink('email', to, text).url).toBe(
      'mailto:anna.k%2Btv@example.com?subject=Your%20TV%20%26%20more&body=Hi%20Anna%2C%0Aexpires%202026-12-09%20%231%20ok%3F%20100%25%20%2B%20more',
    )
  })

  it('says what is missing instead of building a broken link', () => {
    expect(messageLink('whatsapp', {}, text)).toEqual({ url: null, missing: 'phone' })
    expect(messageLink('sms', { phone: '0170 123' }, text)).toEqual({ url: null, missing: 'phone' })
    expect(messageLink('email', { email: 'not-an-address' }, text)).toEqual({ url: null, missing: 'email' })
    expect(messageLink('whatsapp', to, { body: 'x'.repeat(9000) })).toEqual({ url: null, missing: 'tooLong' })
  })

  it('recognises exactly what it builds, and nothing else', () => {
    for (const ch of MESSAGE_CHANNELS) {
      const r = messageLink(ch, to, text)
      expect(r.url && isMessageLink(r.url)).toBe(true)
    }
    for (const bad of [
      'https://wa.me/491701234567?text=a&phone=1',
      'https://wa.me.evil.com/491701234567?text=a',
      'https://t.me/joinchat/abc',
      'sms:+491701234567?body=a b',
      'mailto:a@b.com?subject=x&body=y&attach=/etc/passwd',
      'mailto:a@b.com?cc=x@y.com&subject=x&body=y',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://wa.me/491701234567?text=a',
    ]) {
      expect(isMessageLink(bad), bad).toBe(false)
    }
  })
})
