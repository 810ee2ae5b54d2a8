/** @module Vitest configuration: unit, API, conformance and browser-journey suites in one run. */
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [solid()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
