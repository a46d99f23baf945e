import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserGlobals = Object.fromEntries(
  [
    'document',
    'window',
    'sessionStorage',
    'navigator',
    'fetch',
    'confirm',
    'setTimeout',
    'clearTimeout',
    'Node',
    'URL',
    'URLSearchParams',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', '.herald/', 'coverage/', 'test/artifacts/'] },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    // The admin page: browser ES modules, served as they are.
    files: ['src/admin/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...browserGlobals, location: 'writable' } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
