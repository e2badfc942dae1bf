/** What a write form needs to know about its panel: permissions (min lengths) and the package list. */
import { computed, ref, watch, type Ref } from 'vue'
import { useAccountStore } from '../stores/account'

export function useFormContext(initialProfileId: string) {
  const account = useAccountStore()
  const profileId: Ref<string | null> = ref(initialProfileId === 'all' ? null : initialProfileId)
  const perms = computed(() => (profileId.value ? (account.accounts[profileId.value]?.permissions ?? null) : null))
  const minUsername = computed(() => perms.value?.minUsernameLength ?? 8)
  const minPassword = computed(() => perms.value?.minPasswordLength ?? 8)
  const packageById = (id: number | null) =>
    id && profileId.value ? (account.packages[profileId.value]?.find((p) => p.id === id) ?? null) : null

  watch(
    profileId,
    (id) => {
      if (!id) return
      void account.loadAccount(id)
      void account.loadPackages(id)
    },
    { immediate: true },
  )
  // Without `allow_restrictions` the panel takes allowed IPs and the ISP lock from the package
  // and ignores what is sent (panel-api §2): the form says so instead of offering dead fields.
  const restricted = computed(() => perms.value?.allowRestrictions === false)
  return { profileId, perms, minUsername, minPassword, restricted, packageById }
}
