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
);
