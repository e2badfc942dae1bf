/**
 * Country calling codes for the phone field's picker, and E.164 from a
 * national number. The list is the countries resellers most often sell to;
 * "Other" takes a full +number.
 */
export interface Country {
  iso: string
  name: string
  dial: string
}

export const COUNTRIES: Country[] = [
  ['DE', 'Germany', '49'], ['AT', 'Austria', '43'], ['CH', 'Switzerland', '41'], ['NL', 'Netherlands', '31'], ['BE', 'Belgium', '32'],
  ['FR', 'France', '33'], ['GB', 'United Kingdom', '44'], ['IE', 'Ireland', '353'], ['ES', 'Spain', '34'], ['PT', 'Portugal', '351'],
  ['IT', 'Italy', '39'], ['PL', 'Poland', '48'], ['CZ', 'Czechia', '420'], ['RO', 'Romania', '40'], ['BG', 'Bulgaria', '359'],
  ['GR', 'Greece', '30'], ['HR', 'Croatia', '385'], ['RS', 'Serbia', '381'], ['AL', 'Albania', '355'], ['HU', 'Hungary', '36'],
  ['SE', 'Sweden', '46'], ['NO', 'Norway', '47'], ['DK', 'Denmark', '45'], ['FI', 'Finland', '358'], ['TR', 'Turkey', '90'],
  ['US', 'United States / Canada', '1'], ['MX', 'Mexico', '52'], ['BR', 'Brazil', '55'], ['AR', 'Argentina', '54'], ['CO', 'Colombia', '57'],
  ['MA', 'Morocco', '212'], ['DZ', 'Algeria', '213'], ['TN', 'Tunisia', '216'], ['EG', 'Egypt', '20'], ['NG', 'Nigeria', '234'],
  ['ZA', 'South Africa', '27'], ['AE', 'United Arab Emirates', '971'], ['SA', 'Saudi Arabia', '966'], ['IN', 'India', '91'], ['PK', 'Pakistan', '92'],
  ['AU', 'Australia', '61'], ['NZ', 'New Zealand', '64'],
].map(([iso, name, dial]) => ({ iso: iso!, name: name!, dial: dial! }))

/** National number (spaces, dashes, a trunk 0 allowed) + country → "+49170…", or null when it cannot be one. */
export function toE164(dial: string, national: string): string | null {
  const trimmed = national.trim()
  if (trimmed === '') return null
  const digits = trimmed.startsWith('+') ? trimmed.slice(1).replace(/[\s\-().]/g, '') : dial + trimmed.replace(/[\s\-().]/g, '').replace(/^0+/, '')
  if (!/^[1-9]\d{6,14}$/.test(digits)) return null
  return `+${digits}`
}

/** "+491701234567" → Germany + "1701234567" (the longest calling code that fits). */
export function splitE164(phone: string | null): { dial: string; national: string } {
  if (!phone) return { dial: '49', national: '' }
  const digits = phone.replace(/^\+/, '')
  const match = [...COUNTRIES].sort((a, b) => b.dial.length - a.dial.length).find((c) => digits.startsWith(c.dial))
  return match ? { dial: match.dial, national: digits.slice(match.dial.length) } : { dial: '49', national: phone }
}
