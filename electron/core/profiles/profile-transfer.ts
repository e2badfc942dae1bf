/**
 * Panels export/import: the connection settings only. Never a key, a key hint
 * or anything named like a secret, in either direction — an export may be
 * mailed around, and an import may come from anywhere.
 */
import { z } from 'zod'
import { PROFILE_DEFAULTS, ProfileInput, type Profile } from '../../shared/profile'
import { AppError, parseUserJson } from '../errors'

export const EXPORT_APP = 'xm-reseller-desk'
export const EXPORT_KIND = 'panels'
export const EXPORT_VERSION = 1

export interface PanelsExport {
  app: typeof EXPORT_APP
  kind: typeof EXPORT_KIND
  version: typeof EXPORT_VERSION
  panels: ProfileInput[]
}

/** Field names that smell of a secret; stripped from anything imported. */
const SECRET_NAME_RE = /api[\s_-]*key|apikey|secret|passw|token|key[\s_-]*hint|has[\s_-]*key|^key$/i

export function toExport(profiles: Profile[]): string {
  const doc: PanelsExport = {
    app: EXPORT_APP,
    kind: EXPORT_KIND,
    version: EXPORT_VERSION,
    // ProfileInput.parse keeps exactly the connection settings: no id, hasKey, keyHint.
    panels: profiles.map((p) => ProfileInput.parse(p)),
  }
  return JSON.stringify(doc, null, 2) + '\n'
}

const Envelope = z.object({
  app: z.literal(EXPORT_APP),
  kind: z.literal(EXPORT_KIND),
  version: z.number().int(),
  panels: z.array(z.unknown()),
})

export interface ParsedImport {
  panels: ProfileInput[]
  invalid: number
}

/** Reads an export file; entries that do not validate are counted, not fatal. */
export function parseImport(json: string): ParsedImport {
  const doc = parseUserJson(json, 'This is not a panels export file: it is not valid JSON.')
  const env = Envelope.safeParse(doc)
  if (!env.success) {
    throw new AppError('VALIDATION', `This is not a panels export file from XM Reseller Desk (expected app "${EXPORT_APP}", kind "${EXPORT_KIND}" and a panels list).`)
  }
  if (env.data.version > EXPORT_VERSION) {
    throw new AppError('VALIDATION', `This panels file was made by a newer version of the app (format ${env.data.version}); update the app to import it.`)
  }
  const panels: ProfileInput[] = []
  let invalid = 0
  for (const entry of env.data.panels) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      invalid++
      continue
    }
    const parsed = ProfileInput.safeParse({ ...PROFILE_DEFAULTS, ...withoutSecrets(entry as Record<string, unknown>) })
    if (parsed.success) panels.push(parsed.data)
    else invalid++
  }
  return { panels, invalid }
}

function withoutSecrets(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !SECRET_NAME_RE.test(k)))
}

/** Same panel = same host (case-insensitive), port and access code. */
export const panelIdentity = (p: Pick<ProfileInput, 'host' | 'port' | 'accessCode'>): string =>
  `${p.host.toLowerCase()}:${p.port}/${p.accessCode}`
