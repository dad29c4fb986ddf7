// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Issue 9: project text reaches the log only through src/log/workflowLog.ts, which makes
    // workflow commands impossible in it; core's own printers and console stay out of src/.
    files: ['src/**/*.ts'],
    ignores: ['src/log/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        ...['info', 'debug', 'warning', 'error', 'notice', 'setFailed'].map((property) => ({
          object: 'core',
          property,
          message:
            'print through log (src/log/workflowLog.ts): it neutralises workflow commands in project text',
        })),
      ],
    },
  },
  // The compiler is pure: pyproject text in, Dockerfile text out. No file system, processes,
  // network or runner, and nothing from the shells around it (other src/ folders).
  ...[
    { files: ['src/compiler/*.ts'], outside: '^\\.\\./' },
    { files: ['src/compiler/*/*.ts'], outside: '^\\.\\./\\.\\./' },
  ].map(({ files, outside }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '!node:path', '!node:crypto'], message: 'the compiler does no I/O' },
            {
              group: ['fs', 'fs/*', 'child_process', 'net', 'http', 'https', 'os'],
              message: 'the compiler does no I/O',
            },
            { group: ['@actions/*'], message: 'the compiler does not know the runner' },
            { regex: outside, message: 'the compiler imports nothing from other src/ folders' },
          ],
        },
      ],
    },
  })),
  {
    // Libraries serve the action and the CLI; they never reach back into them.
    files: ['src/{docker,process,workspace,github,cache,ssh,log}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+(action|cli)/', message: 'libraries do not import the action or the CLI' },
            { regex: '^(\\.\\./)+(main|post)\\.js$', message: 'libraries do not import entry points' },
          ],
        },
      ],
    },
  },
);
