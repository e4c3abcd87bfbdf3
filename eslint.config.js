// Lint rules that keep the architecture of DESIGN.md: bot → {dialogs, adapters} → knowledge → guardrails.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['bot', 'dialogs', 'adapters', 'knowledge', 'guardrails'];

/** Import patterns a layer may not use: every layer it must not reach, and deep paths into the ones it may. */
function forbiddenFor(layer, allowed) {
  const patterns = [];
  for (const other of layers) {
    if (other === layer) continue;
    if (!allowed.includes(other)) {
      patterns.push({
        group: [`**/${other}`, `**/${other}/**`],
        message: `${layer}/ may not import ${other}/ (DESIGN.md: bot → {dialogs, adapters} → knowledge → guardrails).`,
      });
    }
  }
  const publicSurfaces = allowed.flatMap((other) => [`!**/${other}/index.js`, ...(other === 'dialogs' && layer === 'adapters' ? ['!**/dialogs/ports.js'] : [])]);
  if (allowed.length > 0) {
    patterns.push({
      group: [...allowed.map((other) => `**/${other}/**`), ...publicSurfaces],
      message: 'Import another module only through its index.ts (its public surface).',
    });
  }
  return patterns;
}

const layerRules = {
  guardrails: [],
  knowledge: ['guardrails'],
  dialogs: ['knowledge', 'guardrails'],
  adapters: ['dialogs', 'knowledge', 'guardrails'],
  bot: ['dialogs', 'adapters', 'knowledge', 'guardrails'],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'test-artifacts/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...Object.entries(layerRules).map(([layer, allowed]) => ({
    files: [`${layer}/**/*.ts`],
    ignores: [`${layer}/**/*.test.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbiddenFor(layer, allowed) }] },
  })),
  {
    // The pure core: no I/O, no clock. The instant is always an argument.
    files: ['guardrails/**/*.ts'],
    ignores: ['guardrails/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'guardrails/ never reads the clock: take the instant as an argument.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'guardrails/ never reads the clock: take the instant as an argument.' },
        { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: 'guardrails/ never reads the clock.' },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'guardrails/ does no I/O.' }, { name: 'process', message: 'guardrails/ does not read the environment.' }],
    },
  },
  {
    files: ['guardrails/**/*.ts', 'knowledge/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-modules': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: ['redis', 'pg', '@electric-sql/pglite', 'express', 'node:http', 'node:https', 'node:net', 'node:child_process'].map((name) => ({ name, message: 'Pure modules do no I/O.' })) },
      ],
    },
  },
  {
    // The CLI and the bench print to the terminal by design.
    files: ['bot/cli/**/*.ts', 'tests/bench/**/*.ts', 'tests/support/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    rules: {
      // Nothing imports bot/ except tests, which drive the composition root.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
