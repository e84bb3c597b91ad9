// Keeps `npm start`'s web and worker processes running: a child that dies is started
// again after a growing wait (restart-policy.ts), until it dies too often, when the
// supervisor gives up and says why. An orderly stop never counts as a crash.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { decideRestart, recentCrashes, RESTART_POLICY, type RestartPolicy } from "#scripts/lib/restart-policy.ts";

export interface ChildSpec {
  /** "web" or "worker": the prefix of the child's own log lines. */
  name: string;
  /** Entry point, relative to `root`. */
  entry: string;
  /** Its command-line arguments (e.g. the web process's --dev). */
  args?: string[];
  /** Read at every (re)start, so a restart can be given what the first start learned (the web port). */
  env: () => NodeJS.ProcessEnv;
  /** Runs after an unexpected exit, alongside the restart (e.g. clear the dead worker's heartbeat). */
  onCrash?: (pid: number) => Promise<void>;
}

export interface SupervisorOptions {
  root: string;
  policy?: RestartPolicy;
  log: (line: string) => void;
  /** After every start or restart: the current pid (and port) of each child. */
  onChildren: (children: Record<string, { pid: number; port?: number }>) => void;
  /** Restarting did not help: stop everything, exit non-zero. */
  onGiveUp: (message: string) => void;
}

interface Running {
  spec: ChildSpec;
  child?: ChildProcess;
  port?: number;
  crashes: number[];
  restartTimer?: NodeJS.Timeout;
  /** Until the first start is ready, a death is the caller's start-up failure, not a crash to restart. */
  started: boolean;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private readonly policy: RestartPolicy;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? RESTART_POLICY;
  }

  /** First start: resolves once the child says it is ready; rejects if it dies first. */
  async start(spec: ChildSpec): Promise<{ port?: number }> {
    const entry: Running = { spec, crashes: [], started: false };
    this.running.set(spec.name, entry);
    return this.launch(entry);
  }

  /** Stops one child in order (SIGTERM, SIGKILL after `graceMs`); it is not restarted. */
  async stop(name: string, graceMs: number): Promise<void> {
    this.stopping = true;
    const entry = this.running.get(name);
    if (!entry) return;
    clearTimeout(entry.restartTimer);
    const child = entry.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }

  /** No more restarts from now on (shutting down). */
  stopRestarting(): void {
    this.stopping = true;
    for (const entry of this.running.values()) clearTimeout(entry.restartTimer);
  }

  /** Last resort when the supervisor itself exits with children still up. */
  killAll(): void {
    for (const entry of this.running.values()) entry.child?.kill("SIGTERM");
  }

  private launch(entry: Running): Promise<{ port?: number }> {
    const { spec } = entry;
    const child = fork(path.join(this.options.root, spec.entry), spec.args ?? [], {
      cwd: this.options.root,
      env: spec.env(),
      execArgv: ["--import", "tsx"],
      // Own process group: a Ctrl-C in the terminal reaches only the supervisor, which
      // then stops the children in order. The IPC channel tells a child when we are
      // gone, even after a SIGKILL.
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    entry.child = child;
    let ready = false;
    const started = new Promise<{ port?: number }>((resolve, reject) => {
      child.on("message", (m: { type?: string; port?: number }) => {
        if (m?.type !== "ready") return;
        ready = true;
        entry.started = true;
        if (m.port) entry.port = m.port;
        this.publish();
        resolve(m);
      });
      child.once("exit", (code, signal) => {
        if (!ready) reject(new Error(`${spec.name} exited during start-up (${describeExit(code, signal)})`));
      });
    });
    child.once("exit", (code, signal) => this.exited(entry, child, code, signal));
    return started;
  }

  private publish(): void {
    const children: Record<string, { pid: number; port?: number }> = {};
    for (const [name, entry] of this.running) {
      const pid = entry.child?.pid;
      if (pid && entry.child?.exitCode === null && entry.child.signalCode === null)
        children[name] = { pid, ...(entry.port ? { port: entry.port } : {}) };
    }
    this.options.onChildren(children);
  }

  private exited(entry: Running, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    // The first start's failure is the caller's (start() rejects); an orderly stop is no crash.
    if (this.stopping || !entry.started) return;
    const { name } = entry.spec;
    const pid = child.pid!;
    const now = Date.now();
    entry.crashes = [...recentCrashes(entry.crashes, now, this.policy), now];
    this.publish();
    // Not awaited: it concerns only the dead process, and must not hold up the restart
    // (e.g. while the database it writes to is down).
    entry.spec.onCrash?.(pid).catch((error: Error) => this.options.log(`[start] after the ${name} process died: ${error.message}`));
    const decision = decideRestart(entry.crashes, now, this.policy);
    const how = describeExit(code, signal);
    if (decision.action === "give-up") {
      this.options.onGiveUp(
        `The ${name} process (pid ${pid}) died ${decision.crashesInWindow} times within ${this.policy.windowMs / 1000} s, the last time with ${how}; ` +
          `restarting it does not help, so Samband stops. Its log is this command's output: the lines starting with [${name}].`,
      );
      return;
    }
    this.options.log(
      `[start] The ${name} process (pid ${pid}) died (${how}); restarting it in ${decision.delayMs / 1000} s ` +
        `(${decision.crashesInWindow} of ${this.policy.maxCrashes} crashes within ${this.policy.windowMs / 1000} s before giving up).`,
    );
    entry.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.launch(entry).then(
        () => this.options.log(`[start] ${name} restarted (pid ${entry.child?.pid})`),
        // Died again before it was ready: its exit handler counts that crash.
        () => {},
      );
    }, decision.delayMs);
  }
}
