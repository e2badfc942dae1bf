/**
 * Where this session keeps API keys, and why: the OS keychain; memory because
 * the user chose it (`--memory-keys`: the core reports no keychain problem);
 * or memory because the keychain could not be used (the core says why).
 * Only the last is a problem to fix — the words must not call a choice one.
 */
import type { AppInfo } from '../../electron/shared/views'

export type KeyStorage = 'keychain' | 'memoryChosen' | 'memoryFallback'

export function keyStorage(info: Pick<AppInfo, 'keyBackend' | 'keychainProblem'> | null | undefined): KeyStorage | null {
  if (!info) return null
  if (info.keyBackend === 'keychain') return 'keychain'
  return info.keychainProblem ? 'memoryFallback' : 'memoryChosen'
}
