// Browser tests only (test/e2e): real Chromium against the real local stack, one file at a time.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFiles: [],
  testTimeout: 90000,
  maxWorkers: 1,
  // fetch keeps idle keep-alive sockets to the stopped stack for a few seconds; nothing else is left open.
  forceExit: true,
};
