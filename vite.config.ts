import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      // Tests build into their own folder so they never touch the build `npm start` serves.
      buildDirectory: process.env.SAMBAND_BUILD_DIR || "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  server: { host: "127.0.0.1" },
  build: {
    rollupOptions: {
      // Resource routes (healthz, the match API, logout, …) have no browser code, so their
      // browser chunk is empty by design; Rollup's warning about it says nothing to act on.
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
});
