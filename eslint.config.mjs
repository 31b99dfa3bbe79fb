import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const COMMONJS_IMPORT_RULES = [
  {
    selector:
      "ImportDeclaration[importKind='value'][source.value=/^(node:|vscode$|fs$|path$|os$|crypto$|net$|http$|child_process$)/]",
    message:
      "Use `import x = require('node:…')` (and src/vscodeApi.ts for vscode): an ES import of a CommonJS module makes esbuild copy the whole module object (__toESM) when the bundle loads.",
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'dist-vsix/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // CommonJS modules — Node's own and `vscode` — are loaded with `import x = require('…')`, which
    // esbuild emits as a plain require. An ES import of one (`import * as fs`, `import { … }`) makes
    // esbuild wrap the require in __toESM, which copies every property of the module object, once
    // per importing module, while the bundle loads: for VS Code's large API object and Node's fs,
    // that copying was most of the bundle's evaluation time in the extension host's activation
    // profile (npm run bench). `import type` is erased and stays allowed.
    files: ['src/**/*.ts'],
    ignores: ['src/webview/**'],
    rules: {
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      'no-restricted-syntax': ['error', ...COMMONJS_IMPORT_RULES],
    },
  },
  {
    // …and `vscode` is required in one place only, src/vscodeApi.ts (see there why).
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/webview/**', 'src/vscodeApi.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...COMMONJS_IMPORT_RULES,
        {
          selector: "TSImportEqualsDeclaration[moduleReference.expression.value='vscode']",
          message: "Require src/vscodeApi.ts instead: VS Code resolves the caller of each require('vscode').",
        },
      ],
    },
  },
  {
    // The core must stay runnable in plain Node: no vscode anywhere below src/core.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is vscode-free.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
