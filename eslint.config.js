import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'web/dist/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'net', 'dgram', 'zlib'], message: 'core/ is pure: no I/O modules.' },
        { group: ['../../decode/*', '../../ingest/*', '../../pipeline/*', '../../store/*', '../../api/*', '../../cli/*'], message: 'core/ imports nothing else of ours.' },
      ] }],
    },
  },
  {
    files: ['src/decode/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../../pipeline/*', '../../store/*', '../../api/*', '../../cli/*', '../../ingest/*'], message: 'decode/ depends only on core types.' },
      ] }],
    },
  },
);
