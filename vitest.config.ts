import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bot,dialogs,guardrails,knowledge,adapters,tests}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Service-backed tests must fail, never skip, in CI.
    allowOnly: false,
    passWithNoTests: false,
  },
});
