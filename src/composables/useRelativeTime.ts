/** One shared clock for "3 minutes ago" labels: a single timer, however many labels. */
import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow(): Ref<number> {
  users++
  if (!timer) timer = setInterval(() => (now.value = Date.now()), 20_000)
  if (getCurrentScope())
    onScopeDispose(() => {
      if (--users === 0 && timer) {
        clearInterval(timer)
        timer = null
      }
    })
  return now
}
