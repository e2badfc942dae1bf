/**
 * Who may watch a line or a device, as its form holds it (AccessFields + notes):
 * read from a row, what a create sends, and what an edit sends. One home, so the
 * line and the device forms cannot drift apart.
 */
import type { Row } from '../stores/table'

export interface AccessTerms {
  allowedIps: string[]
  bouquets: number[]
  ispLock: boolean
  notes: string
}

export function accessFromRow(r: Row | undefined): AccessTerms {
  return {
    allowedIps: [...((r?.allowedIps as string[] | undefined) ?? [])],
    bouquets: [...((r?.bouquets as number[] | undefined) ?? [])],
    ispLock: (r?.isIspLock as boolean | undefined) ?? false,
    notes: (r?.resellerNotes as string | undefined) ?? '',
  }
}

/** A create sends only what the user set. */
export function accessToCreate(f: AccessTerms): Partial<AccessTerms> {
  return {
    ...(f.allowedIps.length ? { allowedIps: f.allowedIps } : {}),
    ...(f.bouquets.length ? { bouquets: f.bouquets } : {}),
    ...(f.ispLock ? { ispLock: true } : {}), // never is_isplock=0 (panel-api §2)
    ...(f.notes ? { notes: f.notes } : {}),
  }
}

/** An edit's `changedOnly` pairs: each field now, and the panel's value it is compared with. */
export function accessPairs(f: AccessTerms, was: (key: string) => unknown): Record<keyof AccessTerms, [unknown, unknown]> {
  return {
    allowedIps: [f.allowedIps, was('allowedIps') ?? []],
    bouquets: [f.bouquets, was('bouquets') ?? []],
    ispLock: [f.ispLock, was('isIspLock') ?? false],
    notes: [f.notes, was('resellerNotes') ?? ''],
  }
}
