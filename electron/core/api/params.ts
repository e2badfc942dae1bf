/**
 * Parameter schemas of the 44 actions, in the API's own names (what goes on the
 * wire), checked before anything is sent. They bound sizes and types only; the
 * user-facing rules (lengths, IP shapes) live in shared/writes.ts, and the
 * panel remains the judge of everything else.
 *
 * Booleans are booleans here; encode.ts turns them into 1/0 — except
 * `is_isplock`, which is sent only when true (panel-api §2).
 */
import { z } from 'zod'

const id = z.number().int().positive()
const text = (max: number) => z.string().max(max)
const credential = text(255)
const notes = text(5000)
const ids = z.array(id).max(2000)
const ips = z.array(text(64)).max(200)
/** Column names go into a comma-joined list: keep them plain. */
const column = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'Column names are letters, digits and _')

export const NoParams = z.strictObject({})
export const IdParams = z.strictObject({ id })

export const ListParams = z.strictObject({
  start: z.number().int().min(0).optional(),
  /** Capped at 1000 when sent (the panel clamps larger values, panel-api §5). */
  limit: z.number().int().min(1).optional(),
  search: text(200).optional(),
  filter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).optional(),
  orderColumn: z.number().int().min(0).max(50).optional(),
  orderDir: z.enum(['asc', 'desc']).optional(),
  showColumns: z.array(column).max(100).optional(),
  hideColumns: z.array(column).max(100).optional(),
  /** Restrict to one direct owner (a sub-reseller's id), panel-api §5 pass-through. */
  reseller: id.optional(),
})

/** Fields a subscription write may carry. `is_isplock: false` is never sent (panel-api §2). */
const subscription = {
  is_isplock: z.boolean().optional(),
  allowed_ips: ips.optional(),
  reseller_notes: notes.optional(),
  bouquets_selected: ids.optional(),
}

const lineFields = { username: credential.optional(), password: credential.optional(), ...subscription }

export const LineCreateParams = z.strictObject({
  package: id,
  trial: z.boolean(),
  member_id: id.optional(),
  ...lineFields,
})
export const LineEditParams = z.strictObject({ id, package: id.optional(), ...lineFields })

/** `mac` is normalised to AA:BB:CC:DD:EE:FF by the client before this runs. */
const mac = text(64)
export const DeviceCreateParams = z.strictObject({
  mac,
  package: id,
  trial: z.boolean(),
  member_id: id.optional(),
  ...subscription,
})
export const DeviceEditParams = z.strictObject({ id, mac: mac.optional(), package: id.optional(), ...subscription })

const code = text(64)
export const ActiveCodeCreateParams = z.strictObject({
  package: id,
  trial: z.boolean(),
  code: code.optional(),
  member_id: id.optional(),
  is_isplock: subscription.is_isplock,
  reseller_notes: subscription.reseller_notes,
  bouquets_selected: subscription.bouquets_selected,
})
export const ActiveCodeEditParams = z.strictObject({
  id,
  package: id.optional(),
  code: code.optional(),
  is_isplock: subscription.is_isplock,
  reseller_notes: subscription.reseller_notes,
  bouquets_selected: subscription.bouquets_selected,
})

const userFields = {
  username: credential.optional(),
  password: credential.optional(),
  email: text(255).optional(),
  member_group_id: id.optional(),
  reseller_dns: text(253).optional(),
  notes: notes.optional(),
}
export const UserCreateParams = z.strictObject(userFields)
export const UserEditParams = z.strictObject({ id, ...userFields })

/** Positive gives credits to the sub-reseller, negative takes them back (panel-api §7). */
export const AdjustCreditsParams = z.strictObject({
  id,
  credits: z
    .number()
    .int()
    .refine((n) => n !== 0, 'Credits to move must not be 0'),
  note: text(255).optional(),
})
