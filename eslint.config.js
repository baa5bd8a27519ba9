// Lint gates: floating promises, type-only imports, exhaustive switches, and a pure domain layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '**/dist', 'careloop-data', 'bin', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db/**',
                '**/services/**',
                '**/http/**',
                '**/cli/**',
                'kysely',
                'pg',
                'hono',
                'node:*',
              ],
              message: 'domain/ is pure: only types, zod and date utilities.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser bundle may take values only from the server's pure domain/ (eslint keeps it free of
    // Node, database and HTTP imports); anything else on the server is for its types.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@server/(?!domain/)',
              allowTypeImports: true,
              message:
                'Only @server/domain/ is bundled for the browser; use `import type` for other server modules.',
            },
            {
              group: ['**/src/*'],
              message: 'Import server modules as @server/… so the boundary stays visible.',
            },
          ],
        },
      ],
      // `import { type X }` keeps `import {} from` under verbatimModuleSyntax, which would bundle the module.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // Tests read loosely typed JSON replies.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
