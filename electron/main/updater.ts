/**
 * Auto-update, prepared but OFF by default.
 *
 * Resellers' machines often sit behind locked-down networks, and an update
 * check against a feed that does not exist would only produce errors. So:
 * no feed configured → no check, no error, nothing loaded. A feed is set with
 * the environment variable XM_UPDATE_FEED (a generic electron-updater feed URL,
 * https only) or by a packager's `update-feed.txt` next to the app resources.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The part of electron-updater's AppUpdater we use (injected for tests). */
export interface UpdaterLike {
  autoDownload: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdatesAndNotify(): Promise<unknown>
  on(event: 'error', listener: (err: Error) => void): unknown
}

export type UpdateSetup = { state: 'disabled'; reason: string } | { state: 'enabled'; feed: string }

export function resolveUpdateFeed(env: NodeJS.ProcessEnv, resourcesPath: string | undefined): string | null {
  const fromEnv = env.XM_UPDATE_FEED?.trim()
  if (fromEnv) return fromEnv
  if (resourcesPath) {
    const file = join(resourcesPath, 'update-feed.txt')
    if (existsSync(file)) return readFileSync(file, 'utf8').trim() || null
  }
  return null
}

export function isAcceptableFeed(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && !u.username && !u.password
  } catch {
    return false
  }
}

export async function setupAutoUpdate(opts: {
  feed: string | null
  isPackaged: boolean
  loadUpdater: () => Promise<UpdaterLike>
  log: (msg: string) => void
}): Promise<UpdateSetup> {
  if (!opts.isPackaged) return { state: 'disabled', reason: 'not a packaged build' }
  if (!opts.feed) return { state: 'disabled', reason: 'no update feed configured' }
  if (!isAcceptableFeed(opts.feed)) {
    opts.log('update feed ignored: it must be an https URL without credentials')
    return { state: 'disabled', reason: 'update feed is not an https URL' }
  }
  const updater = await opts.loadUpdater()
  updater.autoDownload = true
  updater.setFeedURL({ provider: 'generic', url: opts.feed })
  // A failed check must never bother the user or crash the app; it is logged only.
  updater.on('error', (err) => opts.log(`update check failed: ${err.message}`))
  updater.checkForUpdatesAndNotify().catch((err: unknown) => opts.log(`update check failed: ${String(err)}`))
  return { state: 'enabled', feed: opts.feed }
}
