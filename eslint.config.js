// Lint gates: floating promises, type-only imports, exhaustive switches, a pure domain layer, and
// service folders that import only downward.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The service folders from the bottom up (docs/architecture.md draws them). A folder may import the
 * shared modules at the top of services/ and folders of LOWER layers only, never its own layer's
 * siblings, so no import cycle can form between folders.
 */
const SERVICE_LAYERS = [
  ['audit'],
  ['auth', 'clinics', 'rules', 'worklist'],
  ['users', 'patients', 'triage'],
  ['orgs', 'episodes', 'screenings', 'fhir', 'billing', 'safety'],
  ['care-plan', 'contacts', 'registry'],
  ['case-reviews', 'bulk', 'encounters', 'scheduling'],
  ['read-models', 'outcomes'],
];

const placed = SERVICE_LAYERS.flat();
const unplaced = readdirSync(`${import.meta.dirname}/src/services`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !placed.includes(entry.name))
  .map((entry) => entry.name);
if (unplaced.length > 0) {
  throw new Error(`eslint.config.js: place src/services/${unplaced.join(', ')} in SERVICE_LAYERS.`);
}

/** One restriction per service folder: siblings of its layer and every folder above it are off limits. */
const serviceLayering = SERVICE_LAYERS.flatMap((layer, level) =>
  layer.flatMap((folder) => {
    const above = SERVICE_LAYERS.slice(level)
      .flat()
      .filter((other) => other !== folder);
    const rule = (up) => ({
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${up}(${above.join('|')})/`,
              message: `services/${folder} sits below these folders (SERVICE_LAYERS in eslint.config.js): import downward only.`,
            },
          ],
        },
      ],
    });
    // Import paths are relative: one `../` from a folder's own files, two from its subfolders.
    return [
      { files: [`src/services/${folder}/*.ts`], rules: rule('\\.\\./') },
      { files: [`src/services/${folder}/*/**/*.ts`], rules: rule('\\.\\./\\.\\./') },
    ];
  }),
);

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
  ...serviceLayering,
  {
    // The shared modules at the top of services/ are below every service folder.
    files: ['src/services/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^\\./(${placed.join('|')})/`, message: 'services/*.ts is below every service folder.' },
          ],
        },
      ],
    },
  },
  {
    // FHIR mappings are data in, resources out: they sit beside domain/ and below every use case.
    files: ['src/fhir/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '**/http/**', '**/cli/**', '**/sim/**', '**/db/**'],
              message: 'fhir/ depends on nothing above it: take the data as arguments.',
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
