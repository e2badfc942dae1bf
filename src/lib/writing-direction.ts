/**
 * The page's writing direction, from the language in use (Arabic is right to
 * left). For the few placements CSS logical properties cannot express, such as
 * which edge a drawer slides in from: the end side, opposite the sidebar.
 */
import { computed } from 'vue'
import { language, languageInfo } from '../i18n'

export const isRtl = computed(() => languageInfo(language.value).dir === 'rtl')

/** The physical edge at the end of a line: right in left-to-right languages, left in Arabic. */
export const endSide = computed<'left' | 'right'>(() => (isRtl.value ? 'left' : 'right'))
