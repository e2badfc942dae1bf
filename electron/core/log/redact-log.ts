/**
 * What may go into the log file: never an API key, never a customer's password.
 * The log is for a support request, so it is read by other people; the rules are
 * stricter than for an error shown to the reseller.
 */
import { redactSecrets } from '../errors'

/** Longest line kept; a stack or a panel's answer past this is cut. */
export const MAX_LINE_CHARS = 4000

export function redactForLog(text: string): string {
  return (
    redactSecrets(text)
      // Credentials in URLs: /live/user/pass/…, user:pass@host, ?username=…&password=…
      .replace(/((?:^|[?&\s"'])(?:password|pass|pwd)=)[^&\s"'#]*/gi, '$1***')
      .replace(/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1***@')
      .replace(/(\/(?:live|movie|series|timeshift)\/[^/\s]+\/)[^/\s]+/gi, '$1***')
      // JSON and inspect output: "password":"…", password: '…'
      .replace(/((?:\\*["'])?\b(?:password|pass|pwd|api_?key|token)(?:\\*["'])?\s*:\s*\\*["'])[^"'\\]*/gi, '$1***')
      // A long hex run is what panel API keys look like (32 hex characters, docs/panel-api.md §3).
      .replace(/\b[0-9a-f]{24,}\b/gi, '[hex]')
  )
}

/** One log line: the time, and the message on one line, redacted and bounded. */
export function logLine(at: Date, msg: string): string {
  let t = redactForLog(msg).replace(/\r?\n/g, ' ⏎ ')
  if (t.length > MAX_LINE_CHARS) t = t.slice(0, MAX_LINE_CHARS) + ' …[cut]'
  return `${at.toISOString()} ${t}\n`
}
