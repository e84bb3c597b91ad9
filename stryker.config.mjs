// Mutation testing (`npm run test:mutation`): changes the domain rules, the match scoring
// and the permission rules one small edit at a time and checks that a unit test fails on
// each. Not part of `npm test`: it takes minutes. The report lands in reports/mutation/.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  mutate: ["app/domain/**/*.ts", "!app/domain/**/*.test.ts", "search/match.ts", "app/domain/permissions.ts"],
  ignorePatterns: [".data", "build", "build-test", "test-results", "reports", ".cache", "bench", "docs"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
