/**
 * Argument schemas of every write the page can ask for. They validate like the
 * server does where that is knowable before sending (lengths, MAC shape), so a
 * user learns of a typo before any credit is at stake.
 */
import { z } from 'zod'

export const ProfileRef = z.object({ profileId: z.string().min(1).max(64) })
export const ItemRef = ProfileRef.extend({ id: z.number().int().positive() })

/**
 * MAC forms PHP's FILTER_VALIDATE_MAC accepts: aa:bb:cc:dd:ee:ff, AA-BB-..., aabb.ccdd.eeff
 * (panel-api §9.1). The client normalises to upper-case colon form before sending.
 */
export const MAC_RE = /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/
export const Mac = z.string().trim().regex(MAC_RE, 'MAC address must look like 00:1A:79:12:34:56')

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const IPV6 = /^[0-9a-fA-F:]{2,39}$/
export const IpAddress = z.string().trim().refine((s) => IPV4.test(s) || (s.includes(':') && IPV6.test(s)), {
  message: 'Not an IP address',
})

/** Free text the panel stores; it strips `<script`, so we refuse nothing but keep it bounded. */
const Notes = z.string().max(2000)
const Credential = z.string().trim().max(64).regex(/^\S*$/, 'No spaces allowed')

const common = {
  /** ISP lock: true sends is_isplock=1; false OMITS it (the server tests presence; panel-api §2). */
  ispLock: z.boolean().optional(),
  bouquets: z.array(z.number().int().positive()).max(500).optional(),
  notes: Notes.optional(),
}

/** What a line's create and edit both may set: its credentials, IP list and the common fields. */
const lineFields = {
  username: Credential.optional(),
  password: Credential.optional(),
  allowedIps: z.array(IpAddress).max(50).optional(),
  ...common,
}

export const LineCreate = ProfileRef.extend({
  packageId: z.number().int().positive(),
  trial: z.boolean(),
  ...lineFields,
})
export type LineCreate = z.infer<typeof LineCreate>

export const LineEdit = ItemRef.extend(lineFields)
export type LineEdit = z.infer<typeof LineEdit>

export const Extend = ItemRef.extend({
  packageId: z.number().int().positive(),
  /** The user confirmed that this UNLIMITED item becomes limited (an extension gives it an expiry, docs/panel-api.md §7). */
  endUnlimited: z.boolean().optional(),
})
export type Extend = z.infer<typeof Extend>

/** `allowed_ips` is on the mag/enigma whitelists too (panel-api §4): it restricts the device's line. */
export const DeviceCreate = ProfileRef.extend({
  mac: Mac,
  packageId: z.number().int().positive(),
  trial: z.boolean(),
  allowedIps: z.array(IpAddress).max(50).optional(),
  ...common,
})
export type DeviceCreate = z.infer<typeof DeviceCreate>

export const DeviceEdit = ItemRef.extend({ mac: Mac.optional(), allowedIps: z.array(IpAddress).max(50).optional(), ...common })
export type DeviceEdit = z.infer<typeof DeviceEdit>

export const ActiveCodeCreate = ProfileRef.extend({
  packageId: z.number().int().positive(),
  trial: z.boolean(),
  code: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/, 'Code: 4–32 letters, digits or dashes').optional(),
  ...common,
})
export type ActiveCodeCreate = z.infer<typeof ActiveCodeCreate>

export const ActiveCodeEdit = ItemRef.extend({
  code: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/).optional(),
  bouquets: common.bouquets,
  notes: common.notes,
})
export type ActiveCodeEdit = z.infer<typeof ActiveCodeEdit>

const subResellerFields = {
  username: Credential.optional(),
  password: Credential.optional(),
  email: z.union([z.email('Not an e-mail address'), z.literal('')]).optional(),
  memberGroupId: z.number().int().positive().optional(),
  resellerDns: z.string().trim().max(253).optional(),
  notes: Notes.optional(),
}
export const SubResellerCreate = ProfileRef.extend(subResellerFields)
export type SubResellerCreate = z.infer<typeof SubResellerCreate>
export const SubResellerEdit = ItemRef.extend(subResellerFields)
export type SubResellerEdit = z.infer<typeof SubResellerEdit>

/**
 * adjust_credits is a transfer of WHOLE credits: the panel intval()s the amount, so 2.5 would
 * silently move 2 (docs/panel-api.md §7). A fraction is refused with that reason, never rounded.
 */
export const AdjustCredits = ItemRef.extend({
  credits: z
    .number()
    .int('The panel moves whole credits only (it would cut a fraction such as 2.5 to 2): enter a whole number')
    .refine((n) => n !== 0, 'Enter a positive amount to give or a negative amount to take back')
    .refine((n) => Math.abs(n) <= 1_000_000, 'Amount too large'),
  note: z.string().max(255).optional(),
})
export type AdjustCredits = z.infer<typeof AdjustCredits>

/** What every successful write answers. `journalId` points at its audit record. */
export const WriteResult = z.object({
  journalId: z.number().int(),
  cost: z.number(),
  balanceBefore: z.number().nullable(),
  balanceAfter: z.number().nullable(),
  /** The object as the panel has it now (re-read after the write), when there is one. */
  item: z.record(z.string(), z.unknown()).nullable(),
  /** Action-specific extras: convert → new line credentials; reset → oldCode/newCode; adjust → both balances. */
  extra: z.record(z.string(), z.unknown()).nullable(),
})
export type WriteResult = z.infer<typeof WriteResult>

export const Quote = ProfileRef.extend({
  resource: z.enum(['lines', 'mags', 'enigmas', 'activecodes', 'subResellers']),
  kind: z.enum(['create', 'extend']),
  packageId: z.number().int().positive().optional(),
  trial: z.boolean().optional(),
  count: z.number().int().min(1).max(10_000).optional(),
  /** extend: the item, so the quote can say its expiry now and after. */
  id: z.number().int().positive().optional(),
})
export const QuoteResult = z.object({
  cost: z.number(),
  balance: z.number().nullable(),
  balanceAfter: z.number().nullable(),
  enough: z.boolean(),
  /** e.g. "1 month", "24 hours" */
  duration: z.string().nullable(),
  /** extend with an id: the item's expiry now (null = unlimited) and after the extension, from the cache. */
  expiry: z.object({ expDate: z.number().nullable(), newExpDate: z.number() }).nullable().optional(),
})
export type QuoteResult = z.infer<typeof QuoteResult>
