import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // exceljs with the bundle's fix of its streaming reader (see the file)
    setupFiles: ['test/helpers/exceljs-fix.ts'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
