/**
 * The desktop side of "one data folder, one app" (core/lock). Another desktop
 * copy is already turned away by Electron's single-instance lock, which
 * brings the first window forward (lifecycle.ts); this catches the copies that
 * lock cannot see — `npm run dev:browser`, or an Electron started with another
 * userData pointing at the same folder — and says which process holds it.
 */
import type { Dialog } from 'electron'
import { acquireDataFolderLock, type HeldLock } from '../core/lock/data-folder-lock'

export const FOLDER_IN_USE_TITLE = 'XM Reseller Desk is already using this data folder'

/** The held lock, or null after telling the user who holds the folder (the caller quits). */
export function claimDataFolder(dataDir: string, dialog: Pick<Dialog, 'showErrorBox'>, log: (msg: string) => void): HeldLock | null {
  const r = acquireDataFolderLock(dataDir, { kind: 'electron' })
  if (r.ok) return r.lock
  log(`data folder in use: ${r.message}`)
  // showErrorBox is safe before 'ready', and blocks until the user has read it.
  dialog.showErrorBox(FOLDER_IN_USE_TITLE, r.message)
  return null
}
