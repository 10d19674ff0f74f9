import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  // Bundles (the page's, the CLI's committed one) are generated, not written.
  { ignores: ['node_modules', 'cdk.out', '**/dist', '.data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**', 'cli/**', 'local/**', 'test/**', 'bench/**', '*.js'],
    rules: { 'no-console': 'off' },
  },
);
