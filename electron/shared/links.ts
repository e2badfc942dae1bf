/**
 * The links a reseller hands to a customer (panel-api §11): playlist, player API,
 * EPG, the Enigma2 install one-liner and the MAG portal. Pure, so the page can
 * preview them and the core can answer `links:get` from the same code.
 *
 * The base is the DNS the reseller gives customers (profile.customerDns, else
 * the API host) and the customer port (else the API port). Credentials are
 * URL-encoded: a password with `&` or `#` would otherwise cut the link short.
 */
import type { CustomerLinks } from './views'

export interface CustomerBase {
  scheme: 'http' | 'https'
  host: string
  port: number
}

/** `http://host:port` — IPv6 literals get their brackets. */
export function customerOrigin(base: CustomerBase): string {
  const host = base.host.includes(':') && !base.host.startsWith('[') ? `[${base.host}]` : base.host
  return `${base.scheme}://${host}:${base.port}`
}

export function customerLinks(base: CustomerBase, username: string, password: string): CustomerLinks {
  const origin = customerOrigin(base)
  const creds = `username=${encode(username)}&password=${encode(password)}`
  const enigmaScript = `${origin}/get.php?${creds}&type=enigma22_script&output=ts`
  return {
    username,
    password,
    m3u: `${origin}/get.php?${creds}&type=m3u_plus&output=ts`,
    playerApi: `${origin}/player_api.php?${creds}`,
    epg: `${origin}/xmltv.php?${creds}`,
    // The panel's own copy_text for the enigma22_script device (panel-api §11). The
    // URL is double-quoted for the shell; encode() leaves no `"`, `$`, `` ` `` or `!` in it.
    enigmaInstall: `wget -O /etc/enigma2/iptv.sh "${enigmaScript}" && chmod 777 /etc/enigma2/iptv.sh && /etc/enigma2/iptv.sh`,
    magPortal: `${origin}/c/`,
  }
}

/** encodeURIComponent, plus the few characters it leaves that a shell or a player may trip on. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}
