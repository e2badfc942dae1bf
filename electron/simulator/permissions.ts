/** Group permissions: the computed create_* flags and the user_info `permissions` sibling (panel-api §4). */
import type { SimGroup, SimulatorState } from './model'
import type { PackageType } from './rules'
import { intval } from './php'
import { treeIds } from './store'
import { out } from './shape'

/** create_line/create_mag/create_enigma are true if any package sold to the group has that type. */
export function canCreate(st: SimulatorState, group: SimGroup, type: PackageType): boolean {
  return st.packages.rows.some((p) => p.groups.includes(group.group_id) && p[type] === 1)
}

/** create_sub_resellers reads as 0 when the group has no sub-reseller group to hand out (panel-api §7). */
export function canCreateSubResellers(group: SimGroup): boolean {
  return group.create_sub_resellers === 1 && group.subresellers.length > 0
}

export function permissionsObject(st: SimulatorState, group: SimGroup, userId: number): Record<string, unknown> {
  const tree = treeIds(st, userId)
  const direct = st.users.rows.filter((u) => u.owner_id === userId).map((u) => u.id)
  const all = [...tree].filter((id) => id !== userId)
  return {
    ...out(st, {
      group_id: group.group_id,
      group_name: group.group_name,
      is_admin: group.is_admin,
      is_reseller: group.is_reseller,
      total_allowed_gen_trials: group.total_allowed_gen_trials,
      total_allowed_gen_in: group.total_allowed_gen_in,
      delete_users: group.delete_users,
      allowed_pages: st.variants.numericStrings ? JSON.stringify(group.allowed_pages) : group.allowed_pages,
      create_sub_resellers: canCreateSubResellers(group) ? 1 : 0,
      create_sub_resellers_price: intval(group.create_sub_resellers_price),
      reseller_client_connection_logs: group.reseller_client_connection_logs,
      allow_restrictions: group.allow_restrictions,
      allow_change_username: group.allow_change_username,
      allow_change_password: group.allow_change_password,
      minimum_username_length: group.minimum_username_length,
      minimum_password_length: group.minimum_password_length,
      allow_change_bouquets: group.allow_change_bouquets,
      minimum_trial_credits: group.minimum_trial_credits,
      enable_activecode: group.enable_activecode,
      force_batch_code: group.force_batch_code,
      generate_mass_trial: group.generate_mass_trial,
      default_code_length: group.default_code_length,
      min_code_length: group.min_code_length,
      max_code_length: group.max_code_length,
    }),
    // Decoded/computed in PHP, so plain JSON types even on a real server.
    subresellers: [...group.subresellers],
    create_line: canCreate(st, group, 'is_line'),
    create_mag: canCreate(st, group, 'is_mag'),
    create_enigma: canCreate(st, group, 'is_e2'),
    users: all,
    direct_reports: direct,
    all_reports: all,
  }
}
