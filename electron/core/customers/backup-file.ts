/**
 * The backup file: everything that exists only on this computer, in one
 * versioned JSON document — panels (connection settings, NEVER keys), app
 * settings, the whole customer book (customers, links, send log, reminder
 * state, templates, prices, payments) and the audit journal.
 *
 * Reading one validates it fully before anything is touched: the envelope,
 * the version, every book table's columns and value types. A file from a
 * newer app, a truncated download or a hand-edited one is refused with the
 * reason.
 */
import { z } from 'zod'
import { AppError, parseUserJson } from '../errors'
import { panelIdentity } from '../profiles/profile-transfer'

export const BACKUP_FORMAT = 'xm-reseller-desk-backup'
export const BACKUP_VERSION = 1

/** The book's tables, in the order they are restored (parents before children). */
export const BOOK_TABLES = ['meta', 'customers', 'links', 'sends', 'reminder_state', 'templates', 'prices', 'panel_costs', 'payments'] as const
export type BookTable = (typeof BOOK_TABLES)[number]
/** Columns naming a panel: rewritten to the local panel's id on restore. */
export const PANEL_COLUMNS: Partial<Record<BookTable, string>> = {
  links: 'profile_id',
  reminder_state: 'profile_id',
  prices: 'profile_id',
  panel_costs: 'profile_id',
  payments: 'profile_id',
}

const cell = z.union([z.string().max(20_000), z.number().finite(), z.null()])
const row = z.record(z.string().regex(/^[a-z_]{1,40}$/), cell)

const Panel = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  host: z.string().min(1).max(255),
  port: z.number().int(),
  accessCode: z.string().max(200),
})

export const BackupDoc = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.number().int(),
  appVersion: z.string().max(40),
  /** The profiles store's own export (no keys), and each panel's id in this backup. */
  panels: z.object({ exportJson: z.string().max(5_000_000), ids: z.array(Panel).max(500) }),
  settings: z.record(z.string(), z.unknown()),
  book: z.object(Object.fromEntries(BOOK_TABLES.map((t) => [t, z.array(row).max(2_000_000)])) as Record<BookTable, z.ZodArray<typeof row>>),
  journal: z.array(z.record(z.string(), z.unknown())).max(5_000_000),
})
export type BackupDoc = z.infer<typeof BackupDoc>

export function parseBackup(json: string): BackupDoc {
  const raw = parseUserJson(json, 'This is not a backup file of this app (it is not JSON, or it was cut short).')
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(raw)
  if (!head.success || head.data.format !== BACKUP_FORMAT) throw new AppError('VALIDATION', 'This is not a backup file of this app.')
  if (head.data.version > BACKUP_VERSION) {
    throw new AppError('VALIDATION', `This backup was made by a newer version of the app (format ${head.data.version}); update the app to restore it.`)
  }
  const parsed = BackupDoc.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('VALIDATION', `The backup file is damaged or was edited: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim())
  }
  return parsed.data
}

export const identityOf = (p: { host: string; port: number; accessCode: string }) => panelIdentity(p)
