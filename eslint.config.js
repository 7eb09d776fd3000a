// Lint: typescript-eslint's recommended rules plus the dependency rule of docs/architecture.md,
// so that data keeps flowing one way (input → domain → storage → views and documents).
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message, allowTypeImports: false })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'src/storage/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['src/domain/**'],
    ['**/storage/**', '**/services/**', '**/api/**', '**/web/**', '**/cli/**', '**/import/**', '**/documents/**', '**/search/**'],
    'domain/ is pure: it imports only errors.ts and other domain files',
  ),
  layer(
    ['src/import/**', 'src/documents/**', 'src/storage/**'],
    ['**/services/**', '**/api/**', '**/web/**', '**/cli/**'],
    'import/, documents/ and storage/ depend only on domain/',
  ),
  layer(
    ['src/archive/**'],
    ['**/storage/**', '**/services/**', '**/api/**', '**/web/**', '**/cli/**', '**/import/**', '**/search/**'],
    'archive/ builds packages from what it is given: it depends only on domain/',
  ),
  layer(['src/api/**', 'src/web/**', 'src/cli/**'], ['**/storage/**'], 'the edges call services/, never storage/'),
);
