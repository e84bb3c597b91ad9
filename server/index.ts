// The web process: Express serving the Remix build. Started by `npm start` (through
// scripts/start.ts) or directly, several at a time, behind a load balancer.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { clientAddress } from "#app/lib/client-ip.ts";
import { loadConfigOrExit, publicUrl } from "#app/lib/config.server.ts";
import { disconnectPrisma } from "#app/lib/db.server.ts";
import { closeLive } from "#app/lib/live.server.ts";
import { cspNonce, privateWhenSignedIn, refuseCrossSiteWrites, securityHeaders } from "#server/headers.ts";
import { shedLoad } from "#server/shed.ts";

async function start() {
  const config = loadConfigOrExit();
  const buildDir = path.resolve(config.SAMBAND_BUILD_DIR);
  const build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders({ https: publicUrl(config).startsWith("https:") }), refuseCrossSiteWrites);
  // Fingerprinted assets never change; everything else is revalidated.
  app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.use(privateWhenSignedIn);
  // Past static files: a burst of page requests waits in line or is turned away (503).
  app.use(shedLoad(config));
  app.all(
    "*",
    createRequestHandler({ build, getLoadContext: (req, res) => ({ ip: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUST_PROXY), cspNonce: cspNonce(res) }) }),
  );

  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    console.log(`[web] listening on http://${config.HOST}:${port}`);
    process.send?.({ type: "ready", port });
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE" ? `[web] port ${config.PORT} is in use: set PORT to another port` : `[web] ${error.message}`,
    );
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
