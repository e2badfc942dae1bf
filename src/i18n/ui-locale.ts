/**
 * naive-ui's own words (placeholders, pagination, empty states). Its English
 * defaults put "Please Input" / "Please Select" in every empty field; our
 * fields carry their own placeholders where one helps, and none otherwise.
 */
import { createLocale, enUS } from 'naive-ui'
import { t } from '.'

export const uiLocale = createLocale(
  {
    Input: { placeholder: '' },
    InputNumber: { placeholder: '' },
    Select: { placeholder: t('common.choose') },
    Cascader: { placeholder: t('common.choose') },
  },
  enUS,
)
