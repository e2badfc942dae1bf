/**
 * naive-ui's own words (placeholders, pagination, empty states, date pickers)
 * in the current language, and its right-to-left styles for Arabic. Its
 * defaults put "Please Input" / "Please Select" in every empty field; our
 * fields carry their own placeholders where one helps, and none otherwise.
 */
import { computed } from 'vue'
import {
  arDZ, createLocale, dateArDZ, dateDeDE, dateEnUS, dateEsES, dateFrFR, dateItIT, datePtBR, dateTrTR, deDE, enUS, esES, frFR, itIT, ptBR, trTR,
  unstableAlertRtl, unstableBadgeRtl, unstableButtonGroupRtl, unstableButtonRtl, unstableCardRtl, unstableCheckboxRtl, unstableCollapseRtl,
  unstableDataTableRtl, unstableDialogRtl, unstableDrawerRtl, unstableInputNumberRtl, unstableInputRtl, unstableListRtl, unstableMessageRtl,
  unstableNotificationRtl, unstablePaginationRtl, unstablePopoverRtl, unstableRadioRtl, unstableScrollbarRtl, unstableSelectRtl, unstableSpaceRtl,
  unstableStatisticRtl, unstableTableRtl, unstableTabsRtl, unstableTagRtl, unstableFlexRtl,
  type NDateLocale, type NLocale,
} from 'naive-ui'
import type { LanguageCode } from '../../electron/shared/languages'
import { language, languageInfo, t } from '.'

const NAIVE: Record<LanguageCode, { locale: NLocale; date: NDateLocale }> = {
  en: { locale: enUS, date: dateEnUS },
  es: { locale: esES, date: dateEsES },
  'pt-BR': { locale: ptBR, date: datePtBR },
  fr: { locale: frFR, date: dateFrFR },
  it: { locale: itIT, date: dateItIT },
  de: { locale: deDE, date: dateDeDE },
  tr: { locale: trTR, date: dateTrTR },
  ar: { locale: arDZ, date: dateArDZ },
}

export const uiLocale = computed(() =>
  createLocale(
    {
      Input: { placeholder: '' },
      InputNumber: { placeholder: '' },
      Select: { placeholder: t('common.choose') },
      Cascader: { placeholder: t('common.choose') },
    },
    NAIVE[language.value].locale,
  ),
)

export const uiDateLocale = computed(() => NAIVE[language.value].date)

const RTL = [
  unstableAlertRtl, unstableBadgeRtl, unstableButtonGroupRtl, unstableButtonRtl, unstableCardRtl, unstableCheckboxRtl, unstableCollapseRtl,
  unstableDataTableRtl, unstableDialogRtl, unstableDrawerRtl, unstableInputNumberRtl, unstableInputRtl, unstableListRtl, unstableMessageRtl,
  unstableNotificationRtl, unstablePaginationRtl, unstablePopoverRtl, unstableRadioRtl, unstableScrollbarRtl, unstableSelectRtl, unstableSpaceRtl,
  unstableStatisticRtl, unstableTableRtl, unstableTabsRtl, unstableTagRtl, unstableFlexRtl,
]

/** naive-ui's right-to-left styles, only while an RTL language is on. */
export const uiRtl = computed(() => (languageInfo(language.value).dir === 'rtl' ? RTL : undefined))
