import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core never talks to GitHub, AWS or the console: only the adapters do.
    files: ['src/io/**', 'src/eif/**', 'src/ramdisk/**', 'src/image/**', 'src/build/**', 'src/reproduce/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@actions/*', '@aws-sdk/*', '@octokit/*'] }],
      'no-console': 'error',
    },
  },
);
