/**
 * Panels (server profiles) kept as `{ version: 1, profiles: [...] }` in the
 * data folder. No secret is ever in it: the key lives in the keychain and only
 * `hasKey` + a four-character `keyHint` are recorded here.
 *
 * Every change is computed on a copy, written atomically, and only then made
 * visible, one change at a time, so a failed write leaves memory and disk equal.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { z } from 'zod'
import { ProfileInput, type Profile } from '../../shared/profile'
import { AppError } from '../errors'
import type { Clock, ProfileStore } from '../ports'
import { writeFileAtomic } from './atomic-file'
import { loadProfilesFile, PROFILES_FILE_VERSION } from './profile-load'
import { panelIdentity, parseImport, toExport } from './profile-transfer'

export interface ProfileStoreOptions {
  now: Clock
  newId?: () => string
}

export interface ImportResult {
  added: number
  skipped: number
  duplicates: number
  invalid: number
}

export class JsonProfileStore implements ProfileStore {
  #profiles: Profile[]
  #chain: Promise<unknown> = Promise.resolve()
  readonly #readOnly: boolean

  private constructor(
    readonly file: string,
    private readonly opts: Required<ProfileStoreOptions>,
    loaded: { profiles: Profile[]; readOnly: boolean },
    /** Why the panels file could not be used as is (for the UI); null when it was fine. */
    readonly loadProblem: string | null,
    /** The name of the copy of the panels file kept aside when there was a problem. */
    readonly keptAs: string | null = null,
  ) {
    this.#profiles = loaded.profiles
    this.#readOnly = loaded.readOnly
  }

  static async open(file: string, opts: ProfileStoreOptions): Promise<JsonProfileStore> {
    mkdirSync(dirname(file), { recursive: true })
    const loaded = loadProfilesFile(file, opts.now())
    return new JsonProfileStore(file, { now: opts.now, newId: opts.newId ?? randomUUID }, loaded, loaded.problem, loaded.keptAs ?? null)
  }

  /** True when changes cannot be saved (file from a newer version, or unreadable). */
  get readOnly(): boolean {
    return this.#readOnly
  }

  list(): Profile[] {
    return this.#profiles.map(clone)
  }

  get(id: string): Profile | undefined {
    const p = this.#profiles.find((x) => x.id === id)
    return p && clone(p)
  }

  require(id: string): Profile {
    const p = this.get(id)
    if (!p) throw new AppError('NOT_FOUND_LOCAL', 'This panel no longer exists.', { details: { profileId: id } })
    return p
  }

  create(input: ProfileInput): Promise<Profile> {
    return this.change((all) => {
      const fields = validate(ProfileInput, input)
      const profile: Profile = {
        ...fields,
        id: this.opts.newId(),
        order: all.reduce((m, p) => Math.max(m, p.order + 1), 0),
        createdAt: this.opts.now(),
        hasKey: false,
        keyHint: null,
      }
      return { next: [...all, profile], result: profile }
    })
  }

  update(id: string, patch: Partial<ProfileInput>): Promise<Profile> {
    return this.change((all) => {
      const current = this.requireIn(all, id)
      const given = Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined))
      const fields = validate(ProfileInput, { ...ProfileInput.parse(current), ...given })
      const updated: Profile = { ...current, ...fields }
      return { next: all.map((p) => (p.id === id ? updated : p)), result: updated }
    })
  }

  remove(id: string): Promise<void> {
    return this.change((all) => {
      this.requireIn(all, id)
      return { next: renumber(all.filter((p) => p.id !== id)), result: undefined }
    })
  }

  reorder(ids: string[]): Promise<Profile[]> {
    return this.change((all) => {
      const known = new Set(all.map((p) => p.id))
      const given = new Set(ids)
      if (ids.length !== all.length || given.size !== ids.length || !ids.every((id) => known.has(id))) {
        throw new AppError('VALIDATION', 'Reordering needs every panel exactly once; the panel list changed meanwhile, reload it.')
      }
      const byId = new Map(all.map((p) => [p.id, p]))
      const next = ids.map((id, order) => ({ ...(byId.get(id) as Profile), order }))
      return { next, result: next.map(clone) }
    })
  }

  setKeyHint(id: string, hint: string | null): Promise<Profile> {
    return this.change((all) => {
      const current = this.requireIn(all, id)
      // Four characters at most: a whole key must never reach this plain file by mistake.
      if (hint !== null && (hint.length < 1 || hint.length > 4)) {
        throw new AppError('VALIDATION', 'A key hint is the last 1-4 characters of the key.')
      }
      const updated: Profile = { ...current, hasKey: hint !== null, keyHint: hint }
      return { next: all.map((p) => (p.id === id ? updated : p)), result: updated }
    })
  }

  exportJson(): string {
    return toExport(this.#profiles)
  }

  importJson(json: string): Promise<ImportResult> {
    return this.change((all) => {
      const { panels, invalid } = parseImport(json)
      const seen = new Set(all.map(panelIdentity))
      const next = [...all]
      let order = all.reduce((m, p) => Math.max(m, p.order + 1), 0)
      let duplicates = 0
      for (const input of panels) {
        const identity = panelIdentity(input)
        if (seen.has(identity)) {
          duplicates++
          continue
        }
        seen.add(identity)
        next.push({ ...input, id: this.opts.newId(), order: order++, createdAt: this.opts.now(), hasKey: false, keyHint: null })
      }
      const added = next.length - all.length
      return { next: added > 0 ? next : all, result: { added, skipped: duplicates + invalid, duplicates, invalid } }
    })
  }

  /** Serialises changes; `fn` sees the current list and may throw to refuse. */
  private change<T>(fn: (all: Profile[]) => { next: Profile[]; result: T }): Promise<T> {
    const run = this.#chain.then(() => {
      if (this.#readOnly) {
        throw new AppError('INTERNAL', `Panels cannot be changed: ${this.loadProblem ?? 'the panels file is read-only.'}`)
      }
      const { next, result } = fn(this.#profiles)
      if (next !== this.#profiles) this.save(next)
      this.#profiles = next
      return clone(result)
    })
    this.#chain = run.catch(() => undefined)
    return run
  }

  private save(next: Profile[]): void {
    const doc = { version: PROFILES_FILE_VERSION, profiles: next }
    try {
      writeFileAtomic(this.file, JSON.stringify(doc, null, 2) + '\n')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error'
      throw new AppError('INTERNAL', `The panels could not be saved to ${this.file} (${code}); nothing was changed.`)
    }
  }

  private requireIn(all: Profile[], id: string): Profile {
    const p = all.find((x) => x.id === id)
    if (!p) throw new AppError('NOT_FOUND_LOCAL', 'This panel no longer exists.', { details: { profileId: id } })
    return p
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const message = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
  throw new AppError('VALIDATION', message)
}

const renumber = (list: Profile[]): Profile[] => list.map((p, order) => (p.order === order ? p : { ...p, order }))

const clone = <T>(x: T): T => (x === undefined ? x : structuredClone(x))
