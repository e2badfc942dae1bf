/**
 * A server profile ("panel" in the UI). Stored as JSON in the app's data folder.
 * No secret is ever part of it: the API key lives in the OS keychain, and the
 * page only learns `hasKey` and the last four characters.
 */
import { z } from 'zod'

export const HOST_RE = /^(?=.{1,253}$)([a-zA-Z0-9-]{1,63}\.)*[a-zA-Z0-9-]{1,63}$|^\[[0-9a-fA-F:.]+\]$/
export const ACCESS_CODE_RE = /^[A-Za-z0-9_-]{1,64}$/
/** Panel API keys are 32 hex characters (XC_VM `editResellerProfile` accepts nothing else). */
export const API_KEY_RE = /^[0-9a-fA-F]{32}$/

export const Thresholds = z
  .object({
    warning: z.number().min(0).max(1e9),
    critical: z.number().min(0).max(1e9),
  })
  .refine((t) => t.critical <= t.warning, { message: 'The critical threshold must not be above the warning threshold' })
export type Thresholds = z.infer<typeof Thresholds>

export const ProfileInput = z.object({
  name: z.string().trim().min(1, 'Give the panel a name').max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colour must look like #3366ff'),
  scheme: z.enum(['http', 'https']),
  host: z.string().trim().regex(HOST_RE, 'Host must be a DNS name or an IP address, without http:// or a path'),
  port: z.number().int().min(1).max(65535),
  accessCode: z.string().trim().regex(ACCESS_CODE_RE, 'Access code: letters, digits, - and _ only'),
  /** DNS handed to customers in playlist links, when it differs from the API host. */
  customerDns: z.string().trim().regex(HOST_RE).nullable(),
  /** Port for customer links; null = same as the API port. */
  customerPort: z.number().int().min(1).max(65535).nullable(),
  thresholds: Thresholds,
  pollMinutes: z.number().int().min(1).max(1440),
  enabled: z.boolean(),
})
export type ProfileInput = z.infer<typeof ProfileInput>

export const Profile = ProfileInput.extend({
  id: z.string().min(1).max(64),
  order: z.number().int(),
  createdAt: z.number().int(),
  hasKey: z.boolean(),
  /** Last four characters of the key, for the user to recognise it. */
  keyHint: z.string().nullable(),
})
export type Profile = z.infer<typeof Profile>

export const PROFILE_DEFAULTS: Omit<ProfileInput, 'name' | 'host' | 'accessCode'> = {
  color: '#2080f0',
  scheme: 'http',
  port: 80,
  customerDns: null,
  customerPort: null,
  thresholds: { warning: 50, critical: 10 },
  pollMinutes: 5,
  enabled: true,
}
