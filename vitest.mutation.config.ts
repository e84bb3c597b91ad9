// What StrykerJS runs against each mutant: the unit tests only, never the services.
import { defineConfig } from "vitest/config";
import { unitProject } from "./vitest.config.ts";

export default defineConfig({ test: { ...unitProject.test, maxWorkers: 1 } });
