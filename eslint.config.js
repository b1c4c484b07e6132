// One flat config for every workspace. The import bans keep the dependency graph one-way
// (DESIGN.md): the KPI engine knows no vendor and does no I/O; vendor names stop at each
// vendor folder; nothing imports test/.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const VENDOR_FOLDERS = ['zendesk', 'freshdesk', 'zigpoll'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name every export; no `export *` barrels.' },
      ],
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process'],
              message: 'The KPI engine does no I/O.',
            },
            {
              group: ['axios', 'bullmq', 'ioredis', 'pg', 'react', 'fastify', 'zod', '@frontline/*'],
              message: 'The KPI engine has no runtime dependencies.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'The KPI engine takes everything as arguments.' }],
    },
  },
  {
    // The environment is read in one place (env.ts), validated, and passed down.
    files: ['connector/src/**/*.ts'],
    ignores: ['connector/src/env.ts', 'connector/src/**/*.test.ts', 'connector/src/**/*.contract.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through env.ts (readEnv).' },
      ],
    },
  },
  {
    files: ['connector/src/**/*.ts'],
    ignores: ['connector/src/vendors/**', 'connector/src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: VENDOR_FOLDERS.flatMap((v) => [`**/vendors/${v}/*`, `!**/vendors/${v}/index.js`]),
              message: 'Import a vendor only through its index: field names stay inside the vendor folder.',
            },
            { group: ['**/test/**'], message: 'Nothing imports test/.' },
          ],
        },
      ],
    },
  },
  {
    // The React UI runs in the browser; hooks must follow React's rules.
    files: ['apps/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
