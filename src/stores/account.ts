/**
 * Per-panel packages and account (permissions, balance), kept in memory only
 * (never localStorage: API data stays in main's cache).
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { xm } from '../api/xm'
import type { AccountInfo, Package } from '../../electron/shared/domain'
import type { QuoteResult } from '../../electron/shared/writes'
import { call } from '../lib/call'

export type PackageKind = 'lines' | 'mags' | 'enigmas' | 'activecodes'

export const useAccountStore = defineStore('account', () => {
  const packages = shallowRef<Record<string, Package[]>>({})
  const accounts = shallowRef<Record<string, AccountInfo | null>>({})
  const pending = new Map<string, Promise<unknown>>()

  function once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const p = pending.get(key) as Promise<T> | undefined
    if (p) return p
    const q = fn().finally(() => pending.delete(key))
    pending.set(key, q)
    return q
  }

  function loadPackages(profileId: string, force = false): Promise<Package[] | null> {
    if (!force && packages.value[profileId]) return Promise.resolve(packages.value[profileId]!)
    return once(`p:${profileId}`, async () => {
      const list = await call(() => xm.packages.list({ profileId }))
      if (list) packages.value = { ...packages.value, [profileId]: list }
      return list
    })
  }

  function loadAccount(profileId: string, force = false): Promise<AccountInfo | null> {
    if (!force && accounts.value[profileId]) return Promise.resolve(accounts.value[profileId]!)
    return once(`a:${profileId}`, async () => {
      const info = await call(() => xm.account.get({ profileId }))
      if (info !== null) accounts.value = { ...accounts.value, [profileId]: info }
      return info
    })
  }

  function packageName(profileId: string, packageId: unknown): string | null {
    if (typeof packageId !== 'number') return null
    return packages.value[profileId]?.find((p) => p.id === packageId)?.name ?? null
  }

  /** Packages that can be sold as this kind (a panel that does not say allows all). */
  function packagesFor(profileId: string, kind: PackageKind, trial: boolean): Package[] {
    const list = packages.value[profileId] ?? []
    return list.filter((p) => {
      if (trial ? !p.isTrial : !p.isOfficial) return false
      if (kind === 'mags') return p.isMag !== false
      if (kind === 'enigmas') return p.isEnigma !== false
      return p.isLine !== false
    })
  }

  async function quote(args: Parameters<typeof xm.spend.quote>[0]): Promise<QuoteResult | null> {
    return call(() => xm.spend.quote(args))
  }

  return { packages, accounts, loadPackages, loadAccount, packageName, packagesFor, quote }
})
