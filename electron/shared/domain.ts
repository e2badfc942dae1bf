/**
 * Domain types shared by core, main, preload and the renderer.
 *
 * Each type is a zod schema first, so the contract can validate results as
 * well as arguments at the process boundary; the TypeScript type is inferred.
 * Names follow the API's nouns (line, mag, enigma, activecode, sub-reseller,
 * package, credits); a server profile is a `profile`, shown as "panel".
 *
 * Times are unix seconds (the API's own unit). `expDate: null` = unlimited.
 */
import { z } from 'zod'

export const RESOURCES = [
  'lines',
  'mags',
  'enigmas',
  'activecodes',
  'subResellers',
  'activityLogs',
  'liveConnections',
  'creditLogs',
] as const
export const Resource = z.enum(RESOURCES)
export type Resource = z.infer<typeof Resource>

/**
 * What "expiring soon" means everywhere it is counted — the lists' chip, the
 * renewal radar's "Next 7 days", the Credits view: enabled by the reseller and
 * not banned, not yet expired, and expiring within this many days from now.
 */
export const EXPIRING_SOON_DAYS = 7

/** Status filter chips. `expiring` means "expires within N days" (see CacheQuery.expiringDays). */
export const StatusFilter = z.enum(['active', 'disabled', 'banned', 'expired', 'trial', 'expiring'])
export type StatusFilter = z.infer<typeof StatusFilter>

/** The status a row shows, derived from its flags and expiry (see status.ts). */
export const ItemStatus = z.enum(['active', 'disabled', 'banned', 'expired'])
export type ItemStatus = z.infer<typeof ItemStatus>

const id = z.number().int()
const unix = z.number().int().nullable()

/** What a line, a MAG/Enigma2 device (through its line) and an activation code carry alike: owner, package, expiry, flags. */
const subscriptionFields = {
  memberId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  packageId: z.number().int().nullable(),
  expDate: unix,
  createdAt: unix,
  enabled: z.boolean(),
  adminEnabled: z.boolean(),
  isTrial: z.boolean(),
  isIspLock: z.boolean(),
}

/**
 * What a line and a MAG/Enigma2 device carry from their line. A device's
 * `allowedIps` is only in get/create/edit rows (list rows give []), panel-api §4-§5.
 */
const lineTerms = {
  maxConnections: z.number().int().nullable(),
  activeConnections: z.number().int().nullable(),
  allowedIps: z.array(z.string()),
  bouquets: z.array(z.number().int()),
  resellerNotes: z.string(),
}

/** The panel `users` columns a sub-reseller and the reseller's own account both carry (panel-api §4). */
const userFields = {
  id,
  username: z.string(),
  email: z.string(),
  credits: z.number(),
  enabled: z.boolean(),
}

// Declarative schemas below: the row types look alike on purpose, each the panel's own fields (panel-api §5).
export const Line = z.object({
  id,
  username: z.string(),
  password: z.string(),
  ...subscriptionFields,
  ...lineTerms,
  lastActivity: unix,
})
export type Line = z.infer<typeof Line>

/** A MAG device. `id` is the device id (`mag_id`) the *_mag actions take; `lineId` its line. */
export const MagDevice = z.object({
  id,
  lineId: z.number().int().nullable(),
  mac: z.string(),
  username: z.string(),
  password: z.string(),
  stbType: z.string(),
  ...subscriptionFields,
  ...lineTerms,
})
export type MagDevice = z.infer<typeof MagDevice>

/** An Enigma2 device. `id` is the device id (`device_id`). */
export const EnigmaDevice = MagDevice.omit({ stbType: true }).extend({
  publicIp: z.string(),
})
export type EnigmaDevice = z.infer<typeof EnigmaDevice>

export const ActiveCode = z.object({
  id,
  code: z.string(),
  ...subscriptionFields,
  bouquets: z.array(z.number().int()),
  resellerNotes: z.string(),
  mac: z.string().nullable(),
})
export type ActiveCode = z.infer<typeof ActiveCode>

export const SubReseller = z.object({
  ...userFields,
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  memberGroupId: z.number().int().nullable(),
  groupName: z.string().nullable(),
  notes: z.string(),
  resellerDns: z.string(),
  ip: z.string(),
  dateRegistered: unix,
  lastLogin: unix,
  lineCount: z.number().int().nullable(),
})
export type SubReseller = z.infer<typeof SubReseller>

export const ActivityLog = z.object({
  id,
  username: z.string(),
  lineId: z.number().int().nullable(),
  streamId: z.number().int().nullable(),
  streamName: z.string(),
  userAgent: z.string(),
  userIp: z.string(),
  isp: z.string(),
  country: z.string(),
  container: z.string(),
  dateStart: unix,
  dateEnd: unix,
  deviceType: z.enum(['line', 'mag', 'enigma']),
})
export type ActivityLog = z.infer<typeof ActivityLog>

export const LiveConnection = ActivityLog.omit({ dateEnd: true }).extend({
  serverId: z.number().int().nullable(),
})
export type LiveConnection = z.infer<typeof LiveConnection>

/** A row of `user_logs`: what was charged or adjusted, and the balance after. */
export const CreditLog = z.object({
  id,
  ownerName: z.string(),
  type: z.string(),
  action: z.string(),
  targetId: z.number().int().nullable(),
  packageId: z.number().int().nullable(),
  cost: z.number(),
  creditsAfter: z.number().nullable(),
  date: unix,
})
export type CreditLog = z.infer<typeof CreditLog>

export const DurationUnit = z.enum(['hours', 'days', 'months', 'years'])
export type DurationUnit = z.infer<typeof DurationUnit>

export const Package = z.object({
  id,
  name: z.string(),
  isTrial: z.boolean(),
  isOfficial: z.boolean(),
  officialCredits: z.number(),
  trialCredits: z.number(),
  officialDuration: z.number(),
  officialDurationIn: DurationUnit,
  trialDuration: z.number(),
  trialDurationIn: DurationUnit,
  /** Which kinds this package can be sold as; null where the panel does not say. */
  isLine: z.boolean().nullable(),
  isMag: z.boolean().nullable(),
  isEnigma: z.boolean().nullable(),
  groups: z.array(z.number().int()),
  bouquets: z.array(z.number().int()),
  maxConnections: z.number().int().nullable(),
})
export type Package = z.infer<typeof Package>

/** The reseller's own account (`user_info`), with what the group allows. */
export const AccountInfo = z.object({
  ...userFields,
  resellerDns: z.string(),
  memberGroupId: z.number().int().nullable(),
  createdAt: unix,
  permissions: z.object({
    allowChangeUsername: z.boolean().nullable(),
    allowChangePassword: z.boolean().nullable(),
    allowChangeBouquets: z.boolean().nullable(),
    allowRestrictions: z.boolean().nullable(),
    minUsernameLength: z.number().int(),
    minPasswordLength: z.number().int(),
    totalAllowedTrials: z.number().int().nullable(),
    createSubResellerPrice: z.number().nullable(),
    minCodeLength: z.number().int().nullable(),
    maxCodeLength: z.number().int().nullable(),
  }),
})
export type AccountInfo = z.infer<typeof AccountInfo>

/** The row type of each resource, for generic code (tables, cache, sync). */
export interface ResourceRow {
  lines: Line
  mags: MagDevice
  enigmas: EnigmaDevice
  activecodes: ActiveCode
  subResellers: SubReseller
  activityLogs: ActivityLog
  liveConnections: LiveConnection
  creditLogs: CreditLog
}

export const RESOURCE_SCHEMAS = {
  lines: Line,
  mags: MagDevice,
  enigmas: EnigmaDevice,
  activecodes: ActiveCode,
  subResellers: SubReseller,
  activityLogs: ActivityLog,
  liveConnections: LiveConnection,
  creditLogs: CreditLog,
} as const satisfies Record<Resource, z.ZodType>
