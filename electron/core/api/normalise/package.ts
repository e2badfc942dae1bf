/**
 * Package rows → Package, in both shapes (panel-api §4 `packages`):
 * - XUI: official_credits/trial_credits, official_duration + official_duration_in,
 *   trial_duration + trial_duration_in, is_line/is_mag/is_e2, groups/bouquets as
 *   JSON strings;
 * - XM doc: one `credits` price and `duration_months`, `groups` as an array.
 */
import type { DurationUnit, Package } from '../../../shared/domain'
import { bool, first, int, intList, num, rowNormaliser, text } from './coerce'

/** 'hour(s)'/'day(s)'/'month(s)'/'year(s)' in any case; the admin form also stores 'day'/'month' (panel-api §7). */
export function durationUnit(v: unknown, dflt: DurationUnit): DurationUnit {
  const s = text(v).trim().toLowerCase()
  if (s.startsWith('hour')) return 'hours'
  if (s.startsWith('day')) return 'days'
  if (s.startsWith('month')) return 'months'
  if (s.startsWith('year')) return 'years'
  return dflt
}

export const normalisePackage = rowNormaliser<Package>((v, id) => {
  // The doc shape has a single price and a duration in months for both kinds.
  const docPrice = num(v.credits)
  const docMonths = num(v.duration_months)
  const docUnit: DurationUnit = docMonths !== null ? 'months' : 'days'
  return {
    id,
    name: text(first(v, 'package_name', 'name')),
    isTrial: bool(v.is_trial, false),
    isOfficial: bool(v.is_official, true),
    officialCredits: num(v.official_credits) ?? docPrice ?? 0,
    trialCredits: num(v.trial_credits) ?? docPrice ?? 0,
    officialDuration: num(v.official_duration) ?? docMonths ?? 0,
    officialDurationIn: durationUnit(v.official_duration_in, docUnit),
    trialDuration: num(v.trial_duration) ?? docMonths ?? 0,
    trialDurationIn: durationUnit(v.trial_duration_in, docUnit),
    isLine: bool(v.is_line, null),
    isMag: bool(v.is_mag, null),
    isEnigma: bool(first(v, 'is_e2', 'is_enigma'), null),
    groups: intList(v.groups),
    bouquets: intList(first(v, 'bouquets', 'bouquet')),
    maxConnections: int(v.max_connections),
  }
})
