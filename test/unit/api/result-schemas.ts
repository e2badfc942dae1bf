/** The domain schema each action's result must satisfy (tests only: the client itself normalises without zod). */
import { z } from 'zod'
import { ACTION_NAMES, type ActionName } from '../../../electron/core/api/actions'
import {
  AccountInfo,
  ActiveCode,
  ActivityLog,
  CreditLog,
  EnigmaDevice,
  Line,
  LiveConnection,
  MagDevice,
  Package,
  SubReseller,
} from '../../../electron/shared/domain'

const list = (row: z.ZodType) =>
  z.strictObject({
    rows: z.array(row),
    total: z.number().int().nonnegative().nullable(),
    skipped: z.number().int().nonnegative(),
    rawAt: z.array(z.number().int().nonnegative()).optional(),
  })

const ROW: Record<string, z.ZodType> = {
  line: Line,
  mag: MagDevice,
  enigma: EnigmaDevice,
  activecode: ActiveCode,
  user: SubReseller,
}

export function resultSchema(action: ActionName): z.ZodType {
  switch (action) {
    case 'user_info':
      return AccountInfo.strict()
    case 'packages':
      return z.array(Package.strict())
    case 'activity_logs':
      return list(ActivityLog.strict())
    case 'live_connections':
      return list(LiveConnection.strict())
    case 'user_logs':
      return list(CreditLog.strict())
    case 'reset_activecode':
      return z.strictObject({ oldCode: z.string(), newCode: z.string().min(1) })
    case 'adjust_credits':
      return z.strictObject({
        id: z.number().int(),
        creditsBefore: z.number().nullable(),
        creditsAfter: z.number().nullable(),
        adjusted: z.number(),
      })
    case 'convert_mag':
    case 'convert_enigma':
      return Line.strict()
  }
  const m = /^(create|edit|get|delete|enable|disable)_([a-z]+?)(s?)$/.exec(action)
  if (!m) throw new Error(`no schema for ${action}`)
  if (m[1] === 'delete' || m[1] === 'enable' || m[1] === 'disable') return z.literal(true)
  const row = (ROW[m[2]!] as z.ZodObject).strict()
  return m[3] ? list(row) : row
}

// Fail fast if an action is added without a schema here.
for (const a of ACTION_NAMES) resultSchema(a)
