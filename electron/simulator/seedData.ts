/** Fixed catalogue for seeding: bouquets, groups, packages and word lists. */
import type { SimBouquet, SimGroup, SimPackage } from './model'

/** Fixed user ids: admin, a foreign reseller (outside our tree), the API reseller, the foreign sub. */
export const ADMIN_ID = 1
export const FOREIGN_RESELLER_ID = 2
export const RESELLER_ID = 3
export const FOREIGN_SUB_ID = 4

/** The API reseller's group, its sub-resellers' group, and a group that is not ours (for INVALID_PACKAGE). */
export const RESELLER_GROUP = 3
export const SUB_GROUP = 4
export const FOREIGN_GROUP = 5

export const BOUQUETS: SimBouquet[] = [
  { id: 1, bouquet_name: 'Entertainment', bouquet_order: 3 },
  { id: 2, bouquet_name: 'News', bouquet_order: 1 },
  { id: 3, bouquet_name: 'Movies', bouquet_order: 2 },
  { id: 4, bouquet_name: 'Kids', bouquet_order: 5 },
  { id: 5, bouquet_name: 'Sports', bouquet_order: 4 },
  { id: 6, bouquet_name: 'Premium Sports', bouquet_order: 6 },
  { id: 7, bouquet_name: 'Adult', bouquet_order: 8 },
  { id: 8, bouquet_name: 'Radio', bouquet_order: 7 },
]

// group() and pkg() are alike on purpose: each spells out one table's full default row.
function group(id: number, name: string, over: Partial<SimGroup>): SimGroup {
  return {
    group_id: id,
    group_name: name,
    is_admin: 0,
    is_reseller: 1,
    total_allowed_gen_trials: 10,
    total_allowed_gen_in: 'day',
    delete_users: 1,
    allowed_pages: ['lines', 'mag', 'enigma', 'activecodes', 'users', 'logs'],
    create_sub_resellers: 1,
    create_sub_resellers_price: 5,
    reseller_client_connection_logs: 1,
    allow_restrictions: 1,
    allow_change_username: 1,
    allow_change_password: 1,
    minimum_username_length: 8,
    minimum_password_length: 8,
    allow_change_bouquets: 1,
    minimum_trial_credits: 0,
    subresellers: [SUB_GROUP],
    enable_activecode: 1,
    force_batch_code: 0,
    generate_mass_trial: 0,
    default_code_length: 10,
    min_code_length: 10,
    max_code_length: 12,
    ...over,
  }
}

export function seedGroups(): SimGroup[] {
  return [
    group(1, 'Administrators', { is_admin: 1, is_reseller: 0 }),
    group(RESELLER_GROUP, 'Resellers', {}),
    group(SUB_GROUP, 'Sub-Resellers', { create_sub_resellers_price: 3 }),
    group(FOREIGN_GROUP, 'VIP Resellers', { total_allowed_gen_trials: 50 }),
  ]
}

function pkg(id: number, name: string, over: Partial<SimPackage>): SimPackage {
  return {
    id,
    package_name: name,
    is_addon: 0,
    is_trial: 0,
    is_official: 1,
    trial_credits: 0,
    official_credits: 0,
    trial_duration: 24,
    trial_duration_in: 'hours',
    official_duration: 1,
    official_duration_in: 'months',
    groups: [RESELLER_GROUP, SUB_GROUP],
    bouquets: [1, 2, 3, 4],
    output_formats: [1, 2],
    is_line: 1,
    is_mag: 1,
    is_e2: 1,
    is_restreamer: 0,
    is_isplock: 0,
    max_connections: 1,
    force_server_id: 0,
    forced_country: '',
    lock_device: 0,
    check_compatible: 1,
    ...over,
  }
}

export function seedPackages(): SimPackage[] {
  return [
    pkg(1, '1 Month', { official_credits: 5, is_trial: 1 }),
    pkg(2, '3 Months', { official_credits: 13, official_duration: 3 }),
    pkg(3, '6 Months', { official_credits: 25, official_duration: 6 }),
    pkg(4, '12 Months', { official_credits: 45, official_duration: 1, official_duration_in: 'years' }),
    // Doc example "24h Trial": trial AND official; official duration 0 → exp_date = now (panel-api §7).
    pkg(5, '24h Trial', { is_trial: 1, official_credits: 0, official_duration: 0 }),
    pkg(6, '1 Week', {
      official_credits: 2,
      official_duration: 7,
      official_duration_in: 'days',
      is_mag: 0,
      is_e2: 0,
      bouquets: [1, 2],
    }),
    pkg(7, 'MAG/Enigma 1 Month', { official_credits: 6, is_line: 0, bouquets: [1, 2, 5] }),
    // Fractional price (intval'd to 9), paid trial, not compatible (remaining time is lost on switch).
    pkg(8, 'Premium Sports 1 Month', {
      official_credits: 9.5,
      is_trial: 1,
      trial_credits: 1,
      trial_duration: 2,
      trial_duration_in: 'days',
      bouquets: [6, 5, 1, 2, 3, 4],
      max_connections: 2,
      check_compatible: 0,
    }),
    pkg(9, 'VIP 1 Month', { official_credits: 8, groups: [FOREIGN_GROUP] }),
    pkg(10, 'Restream 1 Month', {
      official_credits: 30,
      groups: [RESELLER_GROUP],
      is_restreamer: 1,
      is_mag: 0,
      is_e2: 0,
      max_connections: 10,
    }),
  ]
}

export const FIRST_NAMES = [
  'john',
  'maria',
  'ahmed',
  'lucas',
  'sofia',
  'omar',
  'emma',
  'youssef',
  'liam',
  'fatima',
  'noah',
  'olivia',
  'ali',
  'mia',
  'karim',
  'chloe',
  'mehmet',
  'lea',
  'ivan',
  'anna',
  'jose',
  'nina',
  'rafael',
  'sara',
  'tariq',
  'julia',
  'pierre',
  'elif',
  'marco',
  'hana',
  'david',
  'zoe',
  'samir',
  'laura',
  'kevin',
  'amira',
]
export const LAST_NAMES = [
  'smith',
  'garcia',
  'khan',
  'muller',
  'rossi',
  'dubois',
  'yilmaz',
  'silva',
  'novak',
  'haddad',
  'brown',
  'martin',
  'lopez',
  'ali',
  'weber',
  'costa',
  'kowalski',
  'nguyen',
  'hassan',
  'jensen',
  'moreau',
  'santos',
]
export const SEPARATORS = ['', '.', '_', '']

export const NOTES = [
  'Paid cash',
  'Renew <monthly>',
  'Friend of Karim',
  'VIP -> priority support',
  'PayPal ref 88213',
  'Hotel room 12 <lobby TV>',
  'Wants sports pack',
  'Trial from Facebook ad',
  'Second TV in the kitchen',
  'Old box > replace soon',
  'Sells to neighbours',
  'Call before renewal',
]

export const MAG_STB_TYPES = ['MAG250', 'MAG254', 'MAG256', 'MAG322', 'MAG420', 'MAG524']
export const E2_MAC_PREFIXES = ['00:1D:EC', '00:09:34', 'D8:0D:17', '00:1E:A0', '00:0D:6F']
export const E2_VERSIONS = ['OpenATV 7.3', 'OpenPLi 9.0', 'VTi 15.0', 'OpenViX 6.4']
export const STREAMS = [
  'BBC One HD',
  'CNN International',
  'beIN Sports 1',
  'Sky Sports Main Event',
  'Al Jazeera',
  'TF1 HD',
  'RAI 1',
  'TRT 1',
  'Cartoon Network',
  'Discovery HD',
  'Eurosport 1',
  'MBC 2',
  'The Matrix (1999)',
  'Breaking Bad S01E01',
  'Canal+ Sport',
  'ZDF HD',
  'National Geographic',
  'Fox News',
]
export const USER_AGENTS = [
  'IPTVSmartersPro',
  'TiviMate/4.7.0 (Android 11)',
  'VLC/3.0.18 LibVLC/3.0.18',
  'Mozilla/5.0 (MAG250; Linux)',
  'Enigma2 HbbTV/1.1.1 (+PVR+RTSP+DL;OpenATV;;;)',
  'okhttp/4.9.0',
  'Kodi/20.2 (Linux; Android 12)',
]
export const ISPS = ['Vodafone', 'Orange', 'Turk Telekom', 'Deutsche Telekom', 'Comcast', 'BT', 'Etisalat', 'Free SAS']
export const COUNTRIES = ['GB', 'DE', 'FR', 'TR', 'US', 'NL', 'AE', 'MA', 'ES', 'IT']
export const CONTAINERS = ['ts', 'm3u8', 'mp4', 'mkv']
