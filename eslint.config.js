// Flat ESLint config: TypeScript + Vue, plus the house rule that each process
// imports only what it may (a "wrong process" lint: docs/ARCHITECTURE.md §1).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'

const electronOnlyInGlue = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message: 'Only electron/main and electron/preload may import electron (docs/ARCHITECTURE.md §1).' },
        { name: 'keytar', message: 'Only electron/core/vault/keytar-store.ts may import keytar.' },
      ],
    },
  ],
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'resources/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
      globals: { ...globals.browser },
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/attributes-order': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
  { files: ['electron/core/**', 'electron/shared/**', 'electron/simulator/**', 'electron/loopback/**', 'src/**'], rules: electronOnlyInGlue },
  {
    files: ['electron/core/**'],
    ignores: ['electron/core/vault/keytar-store.ts'],
    rules: electronOnlyInGlue,
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'keytar', message: 'Use the vault (SecretStore).' }] }],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The page talks to main only through src/api/xm.ts.' },
            { name: 'keytar', message: 'Never in the renderer.' },
          ],
          patterns: [
            { group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/simulator/**'], message: 'The page may import electron/shared only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)
