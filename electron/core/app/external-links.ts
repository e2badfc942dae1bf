/**
 * Which links `app:openExternal` may hand to another program. Opening a URL
 * starts the user's browser, mail or chat program with it, so the page (which
 * could be tricked by a hostile panel's answer) may open only links the app
 * itself builds:
 *
 * - the customer links of a panel the reseller added (electron/shared/links.ts:
 *   playlist, player API, EPG, MAG portal) — at that panel's customer address;
 * - the project's own pages (PROJECT_PAGES);
 * - the message links of electron/shared/message-links.ts, in exactly the shapes
 *   it builds (wa.me, t.me share, sms:, mailto:).
 *
 * Anything else — another host, a panel's other pages, credentials in the URL,
 * javascript:/file: — is refused.
 */
import { customerOrigin, type CustomerBase } from '../../shared/links'
import { isMessageLink } from '../../shared/message-links'
import type { Profile } from '../../shared/profile'

/**
 * Exact https prefixes of the project's own pages (help, releases). The
 * project publishes none yet; add them here, one prefix ending in '/' each.
 */
export const PROJECT_PAGES: readonly string[] = []

/** The paths customerLinks() builds (docs/panel-api.md §11). */
const CUSTOMER_PATHS: ReadonlySet<string> = new Set(['/get.php', '/player_api.php', '/xmltv.php', '/c/'])

/** Where a panel's customers connect: the customer DNS/port when set, and the API address too. */
function panelOrigins(profile: Profile): string[] {
  const api: CustomerBase = { scheme: profile.scheme, host: profile.host, port: profile.port }
  const customer: CustomerBase = {
    scheme: profile.scheme,
    host: profile.customerDns ?? profile.host,
    port: profile.customerPort ?? profile.port,
  }
  return [customerOrigin(api), customerOrigin(customer)].map((o) => new URL(o).origin)
}

export interface ExternalLinkContext {
  profiles: readonly Profile[]
  projectPages?: readonly string[]
}

export type ExternalLinkVerdict = { ok: true; url: string } | { ok: false; reason: string }

export function checkExternalLink(raw: string, ctx: ExternalLinkContext): ExternalLinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'That is not a link.' }
  if (isMessageLink(raw)) return { ok: true, url: raw }
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return { ok: false, reason: 'That is not a link.' }
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'Only web and message links can be opened.' }
  // Credentials in a link (`https://bank.example@evil.example`) exist to deceive.
  if (u.username || u.password) return { ok: false, reason: 'Links with a user name or password in them are not opened.' }
  const href = u.href
  if ((ctx.projectPages ?? PROJECT_PAGES).some((prefix) => href.startsWith(prefix))) return { ok: true, url: href }
  if (CUSTOMER_PATHS.has(u.pathname) && ctx.profiles.some((p) => panelOrigins(p).includes(u.origin)))
    return { ok: true, url: href }
  return { ok: false, reason: 'The app opens only the links it makes itself (customer links of your panels, messages).' }
}
