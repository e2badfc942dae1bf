/**
 * The reseller's own prices: what they sell each package for on each panel,
 * in one currency, and what one credit costs them on each panel. Used by the
 * radar ({price}), messages and the profit view.
 */
import type { PriceBook, PricePatch } from '../../shared/business'
import type { CustomerBook } from './book'

const DEFAULT_CURRENCY = 'EUR'

export class Prices {
  constructor(private readonly book: CustomerBook) {}

  currency(): string {
    return this.book.meta('currency') ?? DEFAULT_CURRENCY
  }

  get(): PriceBook {
    const prices = this.book.stmt(`SELECT profile_id, package_id, price FROM prices ORDER BY profile_id, package_id`).all() as {
      profile_id: string
      package_id: number
      price: number
    }[]
    const costs = this.book.stmt(`SELECT profile_id, credit_cost FROM panel_costs ORDER BY profile_id`).all() as { profile_id: string; credit_cost: number }[]
    return {
      currency: this.currency(),
      prices: prices.map((p) => ({ profileId: p.profile_id, packageId: p.package_id, price: p.price })),
      creditCosts: costs.map((c) => ({ profileId: c.profile_id, creditCost: c.credit_cost })),
    }
  }

  /** A null price or cost removes it (the package is then "no price set"). */
  set(patch: PricePatch): PriceBook {
    this.book.write(() => {
      if (patch.currency) this.book.stmt(`INSERT INTO meta (key, value) VALUES ('currency', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(patch.currency)
      for (const p of patch.prices ?? []) {
        if (p.price === null) this.book.stmt(`DELETE FROM prices WHERE profile_id = ? AND package_id = ?`).run(p.profileId, p.packageId)
        else
          this.book
            .stmt(`INSERT INTO prices (profile_id, package_id, price) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET price = excluded.price`)
            .run(p.profileId, p.packageId, p.price)
      }
      for (const c of patch.creditCosts ?? []) {
        if (c.creditCost === null) this.book.stmt(`DELETE FROM panel_costs WHERE profile_id = ?`).run(c.profileId)
        else this.book.stmt(`INSERT INTO panel_costs (profile_id, credit_cost) VALUES (?, ?) ON CONFLICT DO UPDATE SET credit_cost = excluded.credit_cost`).run(c.profileId, c.creditCost)
      }
    })
    return this.get()
  }

  /** A lookup over every price, read once (the radar calls it per row). */
  priceIndex(): (profileId: string, packageId: number) => number | undefined {
    const map = new Map<string, number>()
    for (const p of this.get().prices) map.set(`${p.profileId}\u0000${p.packageId}`, p.price)
    return (profileId, packageId) => map.get(`${profileId}\u0000${packageId}`)
  }

  creditCost(profileId: string): number | null {
    const r = this.book.stmt(`SELECT credit_cost FROM panel_costs WHERE profile_id = ?`).get(profileId) as { credit_cost: number } | undefined
    return r?.credit_cost ?? null
  }
}
