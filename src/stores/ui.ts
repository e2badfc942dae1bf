/**
 * Transient UI requests that cross components: open an object's drawer (from
 * global search), "new item" (Ctrl+N) and "refresh" (F5) for the current tab,
 * dialogs (search, shortcut list, bulk), the panel editor.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Resource } from '../../electron/shared/domain'

export interface DetailRequest {
  tabId: string
  profileId: string
  resource: Resource
  id: number
  /** What the user searched for: shown in the table's search box when the row cannot be fetched alone (logs). */
  title?: string
}

export interface BulkRequest {
  profileId: string
  resource: 'lines' | 'mags' | 'enigmas' | 'activecodes'
  ids: number[]
}

export const useUiStore = defineStore('ui', () => {
  const detailRequest = shallowRef<DetailRequest | null>(null)
  const createRequest = ref<{ tabId: string; n: number } | null>(null)
  const refreshRequest = ref<{ tabId: string; n: number } | null>(null)
  /** "Show all matches in the list" from Ctrl+K: the tab's search box takes this text. */
  const searchRequest = ref<{ tabId: string; text: string; n: number } | null>(null)
  const searchOpen = ref(false)
  const shortcutsOpen = ref(false)
  const bulkRequest = shallowRef<BulkRequest | null>(null)
  /** Panel editor: null closed, 'new', or a panel id. */
  const panelEditor = ref<string | null>(null)
  let n = 0

  function requestCreate(tabId: string) {
    createRequest.value = { tabId, n: ++n }
  }
  function requestRefresh(tabId: string) {
    refreshRequest.value = { tabId, n: ++n }
  }
  /** "/" in the shell: the tab's list search box takes the focus. */
  const focusSearchRequest = ref<{ tabId: string; n: number } | null>(null)
  function requestFocusSearch(tabId: string) {
    focusSearchRequest.value = { tabId, n: ++n }
  }
  function requestSearch(tabId: string, text: string) {
    searchRequest.value = { tabId, text, n: ++n }
  }
  function openDetail(req: DetailRequest) {
    detailRequest.value = req
  }
  function openBulk(req: BulkRequest) {
    bulkRequest.value = req
  }

  return {
    detailRequest,
    createRequest,
    refreshRequest,
    searchRequest,
    searchOpen,
    shortcutsOpen,
    bulkRequest,
    panelEditor,
    requestCreate,
    requestRefresh,
    requestSearch,
    focusSearchRequest,
    requestFocusSearch,
    openDetail,
    openBulk,
  }
})
