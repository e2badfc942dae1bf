/**
 * Reading profiles.json at startup without ever crashing or losing a byte:
 * unreadable → moved aside with a sentence for the UI; some bad entries →
 * the good ones are kept and the original is copied aside; a file from a newer
 * app version → left untouched and the store refuses to overwrite it.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename } from 'node:path'
import { Profile } from '../../shared/profile'
import { asidePathOf, tempPathOf } from './atomic-file'

export const PROFILES_FILE_VERSION = 1

export interface LoadedProfiles {
  profiles: Profile[]
  /** What went wrong, for the UI; null when the file was fine or absent. */
  problem: string | null
  /** True when the file must not be overwritten (newer format, or unreadable). */
  readOnly: boolean
  /** The name of the copy of the file kept aside (moved, or copied before bad entries were left out). */
  keptAs?: string | null
}

export function loadProfilesFile(file: string, nowMs: number): LoadedProfiles {
  // A temp file left by a crash mid-write is never the truth: the rename did not happen.
  rmSync(tempPathOf(file), { force: true })
  if (!existsSync(file)) return { profiles: [], problem: null, readOnly: false }

  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    return {
      profiles: [],
      problem: `The panels file ${file} could not be read (${code}). Fix its permissions and restart; it was left untouched.`,
      readOnly: true,
    }
  }

  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return moveAside(file, nowMs, 'is not valid JSON')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return moveAside(file, nowMs, 'is not a panels file')
  const { version, profiles } = doc as { version?: unknown; profiles?: unknown }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return moveAside(file, nowMs, 'has no valid format version')
  }
  if (version > PROFILES_FILE_VERSION) {
    return {
      profiles: [],
      problem: `The panels file was written by a newer version of the app (format ${version}). Update the app; the file was left untouched and no changes to panels will be saved.`,
      readOnly: true,
    }
  }
  if (!Array.isArray(profiles)) return moveAside(file, nowMs, 'has no panels list')

  const good: Profile[] = []
  const seen = new Set<string>()
  for (const entry of profiles) {
    const parsed = Profile.safeParse(entry)
    if (!parsed.success || seen.has(parsed.data.id)) continue
    seen.add(parsed.data.id)
    // A hint is four characters; anything longer must not survive in a plain file.
    const keyHint = parsed.data.keyHint === null ? null : parsed.data.keyHint.slice(-4)
    good.push({ ...parsed.data, keyHint })
  }
  good.sort((a, b) => a.order - b.order)
  const bad = profiles.length - good.length
  if (bad === 0) return { profiles: good, problem: null, readOnly: false }

  const copy = asidePathOf(file, nowMs, existsSync)
  try {
    copyFileSync(file, copy)
  } catch (e) {
    return cannotSetAside(file, e, `${bad} of ${profiles.length} panels could not be read`, good)
  }
  return {
    profiles: good,
    problem: `${bad} of ${profiles.length} panels in the panels file could not be read and were left out; the original file was kept as ${basename(copy)}.`,
    readOnly: false,
    keptAs: basename(copy),
  }
}

function moveAside(file: string, nowMs: number, why: string): LoadedProfiles {
  const aside = asidePathOf(file, nowMs, existsSync)
  try {
    renameSync(file, aside)
  } catch (e) {
    return cannotSetAside(file, e, `The panels file ${why}`)
  }
  return {
    profiles: [],
    problem: `The panels file ${why}; it was moved aside to ${basename(aside)} and the app started with no panels. Re-add your panels or import an export.`,
    readOnly: false,
    keptAs: basename(aside),
  }
}

/** Could not keep a copy of the bad file: then do not overwrite it either. */
function cannotSetAside(file: string, e: unknown, what: string, keep: Profile[] = []): LoadedProfiles {
  const code = (e as NodeJS.ErrnoException).code ?? 'error'
  return {
    profiles: keep,
    problem: `${what}, and it could not be set aside (${code}). It was left untouched at ${file} and no changes to panels will be saved until it is fixed.`,
    readOnly: true,
  }
}
