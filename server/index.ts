// The web process: Express serving the Remix build. Started by `npm start` (through
// scripts/start.ts) or directly, several at a time, behind a load balancer.
// With --dev (`npm run dev`) the same server serves the sources through Vite's dev
// server instead of a build: each request loads the current routes, and an edited
// module reaches open pages by hot module replacement.
import { createServer } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type Express } from "express";
import { clientAddress } from "#app/lib/client-ip.ts";
import { loadConfigOrExit, publicUrl } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { closeLive } from "#app/lib/live.server.ts";
import { cspNonce, privateWhenSignedIn, refuseCrossSiteWrites, securityHeaders } from "#server/headers.ts";
import { shedLoad } from "#server/shed.ts";

type Build = ServerBuild | (() => Promise<ServerBuild>);

/** The production build from SAMBAND_BUILD_DIR, and its static files. */
async function servePublished(app: Express, buildDir: string): Promise<Build> {
  // Fingerprinted assets never change; everything else is revalidated.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  return (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
}

/**
 * The sources through Vite in middleware mode: Vite serves the client modules and the
 * hot-update socket (on this server's own port, so `connect-src 'self'` allows it), and
 * every request loads the server build afresh, so an edited or added route is served
 * without a restart. Vite is a development dependency, loaded only here.
 */
async function serveSources(app: Express, server: ReturnType<typeof createServer>, dataDir: string) {
  const { createServer: createViteServer } = await import("vite");
  const root = path.resolve(import.meta.dirname, "..");
  const vite = await createViteServer({
    root,
    configFile: path.join(root, "vite.config.ts"),
    server: { middlewareMode: true, hmr: { server } },
    // One cache per data directory, so a dev server of the tests never shares one with yours.
    cacheDir: path.join(dataDir, "vite"),
    // Reached through server-only modules when Vite scans the routes for browser
    // dependencies; its browser build is a WebAssembly package we do not install.
    optimizeDeps: { exclude: ["@node-rs/argon2"] },
  });
  app.use(vite.middlewares);
  const build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  return { build, close: () => vite.close() };
}

async function start() {
  const config = loadConfigOrExit();
  const dev = process.argv.includes("--dev");

  const app = express();
  const server = createServer(app);
  app.disable("x-powered-by");
  app.use(securityHeaders({ https: publicUrl(config).startsWith("https:") }), refuseCrossSiteWrites);
  const sources = dev ? await serveSources(app, server, config.dataDir) : undefined;
  const build = sources ? sources.build : await servePublished(app, path.resolve(config.SAMBAND_BUILD_DIR));
  app.use(privateWhenSignedIn);
  // Past static files: a burst of page requests waits in line or is turned away (503).
  app.use(shedLoad(config));
  app.all(
    "*",
    createRequestHandler({
      build,
      getLoadContext: (req, res) => ({
        ip: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUST_PROXY),
        cspNonce: cspNonce(res),
      }),
    }),
  );

  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    console.log(`[web] listening on http://${config.HOST}:${port}${dev ? " (development: sources through Vite)" : ""}`);
    process.send?.({ type: "ready", port });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `[web] port ${config.PORT} is in use: set PORT to another port` : `[web] ${error.message}`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[web] ${signal}: no new requests, finishing the ones in flight`);
    // Stop accepting, let in-flight requests finish, close idle keep-alive sockets.
    server.close(() => {
      void disconnectPrisma().finally(() => {
        console.log("[web] stopped");
        process.exit(0);
      });
    });
    closeLive(); // open notification streams would otherwise hold the server open
    void sources?.close(); // and so would Vite's hot-update sockets
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Started by npm start: when it goes away (even killed), so do we.
  if (process.connected) process.on("disconnect", () => stop("parent exited"));
}

start().catch((error: unknown) => {
  console.error("[web] failed to start:", error);
  process.exit(1);
});
