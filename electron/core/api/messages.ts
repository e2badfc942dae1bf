/**
 * One sentence per error code: what happened, and what the user can do.
 * The action is named in words derived from its API name ("create_mag" →
 * "create a MAG device"), so there is no second list of the 44 actions here.
 */
import type { ErrorCode } from '../../shared/errors'

const NOUNS: Record<string, [one: string, many: string]> = {
  line: ['a line', 'the lines'],
  mag: ['a MAG device', 'the MAG devices'],
  enigma: ['an Enigma2 device', 'the Enigma2 devices'],
  activecode: ['an activation code', 'the activation codes'],
  user: ['a sub-reseller', 'the sub-resellers'],
}
const SPECIAL: Record<string, string> = {
  user_info: 'read your account',
  packages: 'read the packages',
  activity_logs: 'read the activity log',
  live_connections: 'read the live connections',
  user_logs: 'read the credit log',
  adjust_credits: "change a sub-reseller's credits",
}

/** "create_line" → "create a line", "get_mags" → "read the MAG devices". */
export function actionLabel(action: string): string {
  const special = SPECIAL[action]
  if (special) return special
  const m = /^([a-z]+)_([a-z]+?)(s?)$/.exec(action)
  const noun = m ? NOUNS[m[2]!] : undefined
  if (!m || !noun) return `run "${action.slice(0, 40)}"`
  const [one, many] = noun
  if (m[1] === 'get') return `read ${m[3] ? many : one.replace(/^an? /, 'the ')}`
  if (m[1] === 'create') return `create ${one}`
  return `${m[1]} ${one.replace(/^an? /, 'the ')}`
}

export function defaultMessage(code: ErrorCode, action: string, httpStatus?: number): string {
  const what = actionLabel(action)
  switch (code) {
    case 'FAILURE':
      return `The panel could not ${what}: the item may no longer exist or may not belong to you. Refresh and try again.`
    case 'INSUFFICIENT_CREDITS':
      return `You do not have enough credits to ${what}. Add credits or choose a cheaper package.`
    case 'INVALID_PACKAGE':
      return 'The panel does not sell this package to your account. Refresh the packages and choose another one.'
    case 'INVALID_TYPE':
      return 'This package cannot be used for this kind of item, or no longer exists. Choose a package made for it.'
    case 'INVALID_MAC':
      return 'The panel refused the MAC address. Check it is written like 00:1A:79:12:34:56.'
    case 'EXISTS_MAC':
      return 'A device with this MAC address already exists on the panel. Use another MAC or edit the existing device.'
    case 'EXISTS_USERNAME':
      return 'This username is already taken on the panel. Choose another username.'
    case 'INVALID_USERNAME':
      return 'The username is shorter than this panel allows. Use a longer one (panels usually require at least 8 characters).'
    case 'INVALID_PASSWORD':
      return 'The password is shorter than this panel allows. Use a longer one (panels usually require at least 8 characters).'
    case 'NO_TRIALS':
      return 'You cannot create a trial right now. Wait until your trial allowance resets, or create a paid one.'
    case 'NO_PERMISSIONS':
      return `Your reseller account is not allowed to ${what}. Ask your provider to enable it.`
    case 'INVALID_DATA':
      return `The panel rejected the values sent to ${what}. Check them and try again.`
    case 'INVALID_SUBRESELLER':
      return 'The panel has no member group you may give a sub-reseller. Ask your provider to set one up.'
    case 'AUTH_INVALID':
      return "The panel did not accept the API key. Copy the key again from the panel's API settings and save it."
    case 'INVALID_ACTION':
      return `The panel does not offer "${action.slice(0, 40)}". Check that the access code is for the reseller API, or ask your provider whether this panel supports it.`
    case 'IP_FORBIDDEN':
      return "The panel refused this computer's IP address. Ask your provider to allow it for your API access code."
    case 'RATE_LIMITED':
      return 'The panel is receiving too many requests right now. Wait a few seconds and try again.'
    case 'NOT_FOUND':
      return 'The panel answered "not found". Check the host, port and API access code of this panel.'
    case 'SERVER_ERROR':
      return `The panel had an internal error${httpStatus ? ` (HTTP ${httpStatus})` : ''}. Try again later; if it persists, tell your provider.`
    case 'OFFLINE':
      return 'Could not reach the panel. Check your internet connection and the host and port of this panel.'
    case 'TIMEOUT':
      return `The panel did not answer in time when asked to ${what}. Try again; if it keeps happening, the panel may be overloaded.`
    case 'OUTCOME_UNKNOWN':
      return `The request to ${what} was sent but no clear answer came back, so it may or may not have been applied; it will not be resent automatically — check the panel before trying again.`
    case 'BAD_RESPONSE':
      return 'The panel sent an answer that is not valid API data. Check the host, port and access code of this panel; if they are right, tell your provider.'
    case 'CANCELLED':
      return `The request to ${what} was cancelled before it was sent. Start it again when you are ready.`
    case 'VALIDATION':
      return `The values given to ${what} are not valid. Correct them and try again.`
    default:
      return `The request to ${what} failed (${code}). Try again; if it persists, tell your provider.`
  }
}
