// Runs before each test file, unit or integration: a test that makes the code log an
// error has found a problem, even if it passes.
import { afterEach, beforeEach, expect, vi } from "vitest";

let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  expect(calls, "console.error was called").toEqual([]);
});
