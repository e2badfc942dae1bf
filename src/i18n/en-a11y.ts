/**
 * Names that only assistive technology reads: row checkboxes, the −/+ of number
 * fields, icon-only buttons (src/theme/a11y.ts and templates). English defines
 * the keys; the other catalogues spread their words from A11Y_WORDS.
 */
export const enA11y = {
  'a11y.selectRow': 'Select {name}',
  'a11y.selectThisRow': 'Select this row',
  'a11y.selectPage': 'Select all rows on this page',
  'a11y.decrease': 'Decrease',
  'a11y.increase': 'Increase',
  'a11y.addTag': 'Add a tag',
  'a11y.searchResults': 'Search results',
} as const

type Words = { readonly [K in keyof typeof enA11y]: string }

export const A11Y_WORDS: Record<'es' | 'pt-BR' | 'fr' | 'it' | 'de' | 'tr' | 'ar', Words> = {
  es: {
    'a11y.selectRow': 'Seleccionar {name}',
    'a11y.selectThisRow': 'Seleccionar esta fila',
    'a11y.selectPage': 'Seleccionar todas las filas de esta página',
    'a11y.decrease': 'Disminuir',
    'a11y.increase': 'Aumentar',
    'a11y.addTag': 'Añadir una etiqueta',
    'a11y.searchResults': 'Resultados de la búsqueda',
  },
  'pt-BR': {
    'a11y.selectRow': 'Selecionar {name}',
    'a11y.selectThisRow': 'Selecionar esta linha da tabela',
    'a11y.selectPage': 'Selecionar todas as linhas desta página',
    'a11y.decrease': 'Diminuir',
    'a11y.increase': 'Aumentar',
    'a11y.addTag': 'Adicionar uma etiqueta',
    'a11y.searchResults': 'Resultados da busca',
  },
  fr: {
    'a11y.selectRow': 'Sélectionner {name}',
    'a11y.selectThisRow': 'Sélectionner cette rangée',
    'a11y.selectPage': 'Sélectionner toutes les rangées de cette page',
    'a11y.decrease': 'Diminuer',
    'a11y.increase': 'Augmenter',
    'a11y.addTag': 'Ajouter une étiquette',
    'a11y.searchResults': 'Résultats de la recherche',
  },
  it: {
    'a11y.selectRow': 'Seleziona {name}',
    'a11y.selectThisRow': 'Seleziona questa riga',
    'a11y.selectPage': 'Seleziona tutte le righe di questa pagina',
    'a11y.decrease': 'Diminuisci',
    'a11y.increase': 'Aumenta',
    'a11y.addTag': 'Aggiungi un’etichetta',
    'a11y.searchResults': 'Risultati della ricerca',
  },
  de: {
    'a11y.selectRow': '{name} auswählen',
    'a11y.selectThisRow': 'Diese Zeile auswählen',
    'a11y.selectPage': 'Alle Zeilen dieser Seite auswählen',
    'a11y.decrease': 'Verringern',
    'a11y.increase': 'Erhöhen',
    'a11y.addTag': 'Schlagwort hinzufügen',
    'a11y.searchResults': 'Suchergebnisse',
  },
  tr: {
    'a11y.selectRow': '{name} seç',
    'a11y.selectThisRow': 'Bu satırı seç',
    'a11y.selectPage': 'Bu sayfadaki tüm satırları seç',
    'a11y.decrease': 'Azalt',
    'a11y.increase': 'Artır',
    'a11y.addTag': 'Etiket ekle',
    'a11y.searchResults': 'Arama sonuçları',
  },
  ar: {
    'a11y.selectRow': 'تحديد {name}',
    'a11y.selectThisRow': 'تحديد هذا الصف',
    'a11y.selectPage': 'تحديد كل الصفوف في هذه الصفحة',
    'a11y.decrease': 'إنقاص',
    'a11y.increase': 'زيادة',
    'a11y.addTag': 'إضافة وسم',
    'a11y.searchResults': 'نتائج البحث',
  },
}
