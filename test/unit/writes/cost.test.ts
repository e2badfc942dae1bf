import { describe, expect, test } from 'vitest'
import type { AccountInfo, Package } from '../../../electron/shared/domain'
import { balanceAfterCharge, durationLabel, isEnough, packagePrice, quote } from '../../../electron/core/writes'
import { packageFits, requirePackage } from '../../../electron/core/writes/cost'
import * as rows from '../../helpers/rows'

/** A one-month line package (not sold for MAGs) that also offers a trial: the quotes below price both. */
const pkg = (over: Partial<Package> = {}): Package => rows.pkg(1, { name: '1 Month', isTrial: true, isMag: false, ...over })
const account = (credits: number, over: Partial<AccountInfo['permissions']> = {}): AccountInfo =>
  rows.account(credits, { createSubResellerPrice: 5.9, ...over })

describe('prices follow the panel (panel-api §7)', () => {
  test('official vs trial price, intval-truncated', () => {
    expect(packagePrice(pkg({ officialCredits: 9.5 }), false)).toBe(9)
    expect(packagePrice(pkg({ trialCredits: 1.99 }), true)).toBe(1)
    expect(packagePrice(pkg({ officialCredits: -3 }), false)).toBe(0)
  })

  test('duration labels', () => {
    expect(durationLabel(pkg(), false)).toBe('1 month')
    expect(durationLabel(pkg(), true)).toBe('24 hours')
    expect(durationLabel(pkg({ officialDuration: 3 }), false)).toBe('3 months')
    expect(durationLabel(pkg({ officialDuration: 1, officialDurationIn: 'years' }), false)).toBe('1 year')
    expect(durationLabel(pkg({ officialDuration: 0 }), false)).toBeNull()
  })

  test('enough means cost <= intval(balance); an unknown balance is left to the panel', () => {
    expect(isEnough(5.9, 5)).toBe(true)
    expect(isEnough(5.9, 6)).toBe(false)
    expect(isEnough(null, 1_000_000)).toBe(true)
    expect(isEnough(0, 0)).toBe(true)
    // A free write is never refused for the balance, even one below zero.
    expect(isEnough(-3, 0)).toBe(true)
  })

  test('the first charge drops the fraction', () => {
    expect(balanceAfterCharge(485.5, 5)).toBe(480)
    expect(balanceAfterCharge(485.5, 0)).toBe(485.5)
    expect(balanceAfterCharge(null, 5)).toBeNull()
  })
})

describe('spend:quote', () => {
  const pkgs = [pkg(), pkg({ id: 2, name: '3 Months', officialCredits: 13, officialDuration: 3 })]

  test('create, count, balance and balance after', () => {
    expect(quote({ resource: 'lines', kind: 'create', packageId: 2, count: 3 }, pkgs, account(100.5))).toEqual({
      cost: 39,
      balance: 100.5,
      balanceAfter: 61,
      enough: true,
      duration: '3 months',
    })
  })

  test('trial creates use the trial price and duration; extensions always the official one', () => {
    expect(quote({ resource: 'lines', kind: 'create', packageId: 1, trial: true }, pkgs, account(10))).toMatchObject({ cost: 0, duration: '24 hours' })
    expect(quote({ resource: 'lines', kind: 'extend', packageId: 1, trial: true }, pkgs, account(10))).toMatchObject({ cost: 5, duration: '1 month' })
  })

  test('not enough, and unknown balance', () => {
    expect(quote({ resource: 'lines', kind: 'create', packageId: 2, count: 2 }, pkgs, account(25))).toMatchObject({ cost: 26, enough: false, balanceAfter: -1 })
    expect(quote({ resource: 'lines', kind: 'create', packageId: 2 }, pkgs, null)).toMatchObject({ balance: null, balanceAfter: null, enough: true })
  })

  test('sub-reseller creation costs the group price', () => {
    expect(quote({ resource: 'subResellers', kind: 'create', count: 2 }, [], account(11))).toMatchObject({ cost: 10, enough: true, duration: null })
    expect(() => quote({ resource: 'subResellers', kind: 'extend' }, [], account(11))).toThrow(/not extended/)
  })

  test('a sub-reseller quote without a known account costs nothing and leaves the balance unknown', () => {
    expect(quote({ resource: 'subResellers', kind: 'create' }, [], null)).toMatchObject({ cost: 0, balance: null, enough: true })
  })

  test('refusals are VALIDATION errors', () => {
    expect(() => quote({ resource: 'subResellers', kind: 'extend' }, [], null)).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
    expect(() => quote({ resource: 'lines', kind: 'create' }, pkgs, null)).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
  })

  test('unknown or unfit packages are refused with a reason', () => {
    expect(() => quote({ resource: 'lines', kind: 'create', packageId: 99 }, pkgs, null)).toThrow(/Refresh the packages/)
    expect(() => quote({ resource: 'mags', kind: 'create', packageId: 1 }, pkgs, null)).toThrow(/not sold for MAG devices/)
    expect(() => quote({ resource: 'lines', kind: 'create' }, pkgs, null)).toThrow(/Choose a package/)
  })
})

describe('which packages are sold for which items (panel-api §7)', () => {
  test('each kind of item has its own flag; an unset flag allows; activation codes take any package', () => {
    const only = (flags: Partial<Package>) => rows.pkg(1, { isLine: false, isMag: false, isEnigma: false, ...flags })
    const fits = (p: Package) => (['lines', 'mags', 'enigmas', 'activecodes'] as const).filter((r) => packageFits(p, r))
    expect(fits(only({ isLine: true }))).toEqual(['lines', 'activecodes'])
    expect(fits(only({ isMag: true }))).toEqual(['mags', 'activecodes'])
    expect(fits(only({ isEnigma: true }))).toEqual(['enigmas', 'activecodes'])
    expect(fits(only({}))).toEqual(['activecodes'])
    expect(fits(only({ isLine: null, isMag: null, isEnigma: null }))).toEqual(['lines', 'mags', 'enigmas', 'activecodes'])
  })

  test('requirePackage refuses an unknown or unfit package with VALIDATION, naming the items and the package id', () => {
    const p = rows.pkg(3, { name: 'TV', isLine: false, isMag: false, isEnigma: false })
    const refusal = (id: number, resource: 'lines' | 'mags' | 'enigmas') => {
      try {
        requirePackage([p], id, resource)
      } catch (e) {
        return e
      }
      return null
    }
    expect(refusal(9, 'lines')).toMatchObject({ code: 'VALIDATION', details: { packageId: 9 } })
    expect(refusal(3, 'lines')).toMatchObject({ code: 'VALIDATION', message: 'The package "TV" is not sold for lines. Choose a package made for them.', details: { packageId: 3 } })
    expect(refusal(3, 'enigmas')).toMatchObject({ message: expect.stringContaining('not sold for Enigma2 devices') })
    expect(requirePackage([p], 3, 'activecodes')).toBe(p)
  })
})
