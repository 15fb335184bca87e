// Flat ESLint config: strict TypeScript everywhere, and no Node built-ins inside Temporal workflow code
// (workflows run in a deterministic sandbox; see apps/worker/src/workflows).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'prisma/src/generated/**',
      'coverage/**',
      '.cacscreen/**',
      'training/**',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/worker/src/workflows/**/*.ts'],
    rules: {
      // Types of the database and DICOM packages may be named (erased at compile time); their code may not load.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fs', 'path', 'os', 'crypto', 'child_process', 'node:*'] },
            { group: ['@cacscreen/db', '@cacscreen/dicom'], allowTypeImports: true },
          ],
        },
      ],
    },
  },
);
