/**
 * Resource rows carry their panel as a short key ('1', '2'…) in `panel_key`,
 * not as the panel's 36-character id: the id was written into every row and
 * every index on it, ~14 MB more per 100k-line sync (migration v5).
 * `panel_keys` maps the two; reads join it to give rows their `profileId`.
 *
 * Always read from the file, never remembered in memory: a key made inside a
 * write that rolls back must not outlive it.
 */
import type { Prepare } from './row-writes'

/** A resource row's panel is the panel whose id is the one parameter; no key, no match (reads make none). */
export const PANEL_IS = 'panel_key = (SELECT key FROM panel_keys WHERE profile_id = ?)'

/** The panel's key, made on first use; call inside a write transaction. */
export function keyFor(prepare: Prepare, profileId: string): string {
  const found = findKey(prepare, profileId)
  if (found !== null) return found
  const made = prepare(
    `INSERT INTO panel_keys (key, profile_id)
     SELECT CAST(coalesce(max(CAST(key AS INTEGER)), 0) + 1 AS TEXT), ? FROM panel_keys RETURNING key`,
  ).get(profileId) as { key: string }
  return made.key
}

/** The panel's key, or null when nothing of it was ever cached (so there is nothing to read). */
export function findKey(prepare: Prepare, profileId: string): string | null {
  const row = prepare('SELECT key FROM panel_keys WHERE profile_id = ?').get(profileId) as { key: string } | undefined
  return row?.key ?? null
}

/** Forget the panel's key once its rows are gone. */
export function dropKey(prepare: Prepare, profileId: string): void {
  prepare('DELETE FROM panel_keys WHERE profile_id = ?').run(profileId)
}
