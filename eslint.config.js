// Lint setup: typescript-eslint with type-aware rules over every TypeScript file, plus the
// layering the code must keep (see "Layers" in README.md): drivers at the bottom, printer
// templates above them, the kiosk core above both, hosts and the renderer on top; no cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './lint/import-cycle.js';

const SOURCE = ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/** A no-restricted-imports rule from specifier patterns, each with the reason people see. */
function forbid(...groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

const KIOSK_FROM_BELOW =
  'drivers/ and printer-templates/ sit below the kiosk; take what you need as a parameter (as drivers take a DriverLogger) instead of importing it.';

/**
 * The renderer may import its own files and kiosk/contract.ts, nothing else of the project.
 * Import specifiers are plain text, so the rule is written per folder depth: a file `depth`
 * folders below kiosk/renderer leaves the renderer with `depth + 1` steps of `../`; a folder
 * nested deeper than three levels needs one more entry here.
 */
const rendererOnlyContract = [0, 1, 2, 3].map((depth) => {
  const up = '../'.repeat(depth + 1);
  return {
    files: [`kiosk/renderer/${'*/'.repeat(depth)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${up.replaceAll('.', '\\.')}(?!contract\\.ts$)`,
              message:
                'the renderer sees the kiosk only through kiosk/contract.ts; put the shape it needs there.',
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-output/', 'coverage/', '**/*.md'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: SOURCE,
    plugins: { kiosk24: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'kiosk24/no-import-cycle': 'error',
      // Raw lines, as `wc -l` and an editor count them: the TSDoc every export carries is
      // part of what a reader has to get through, so it counts towards the size too.
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  // Test files may be long: one file per unit keeps every case of that unit together.
  { files: TESTS, rules: { 'max-lines': 'off' } },
  {
    files: ['drivers/**'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/kiosk/**'], KIOSK_FROM_BELOW],
        [
          ['**/printer-templates/**'],
          'drivers/ is the lowest layer; printer-templates/ uses drivers, not the other way.',
        ],
      ),
    },
  },
  {
    files: ['printer-templates/**'],
    rules: { 'no-restricted-imports': forbid([['**/kiosk/**'], KIOSK_FROM_BELOW]) },
  },
  {
    files: ['kiosk/core/**'],
    rules: {
      'no-restricted-imports': forbid([
        ['**/main/**', '**/preload/**', '**/renderer/**', '**/browser-host/**', '**/cli/**'],
        'kiosk/core is host-agnostic: hosts, the CLI and the renderer import the core, never the reverse; move the shared type into core or kiosk/contract.ts.',
      ]),
    },
  },
  {
    files: ['kiosk/contract.ts'],
    rules: {
      'no-restricted-imports': forbid([
        ['./**', '../**'],
        'kiosk/contract.ts stands alone: the renderer imports it, so whatever it imported would reach the renderer too.',
      ]),
    },
  },
  ...rendererOnlyContract,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
