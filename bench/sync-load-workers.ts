import { fork, type ChildProcess } from "node:child_process";
import { clockMs } from "./sync-load-clock.ts";
import type { WorkerCommand, WorkerReply } from "./sync-load-worker.ts";

// The parent side of the client processes of the sync load benchmarks.

/** One client process (bench/sync-load-worker.ts) and its latest delivery count. */
export class LoadWorker {
  readonly child: ChildProcess;
  received = 0;

  constructor() {
    this.child = fork("bench/sync-load-worker.ts", [], {
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: WorkerReply) => {
      if (reply.type === "progress") this.received = reply.received;
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Sends a command and resolves with the first reply of type `expected`. */
  request<T extends WorkerReply["type"]>(
    command: WorkerCommand,
    expected: T,
  ): Promise<Extract<WorkerReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.type !== expected) return;
        cleanUp();
        resolve(reply as Extract<WorkerReply, { type: T }>);
      };
      const onExit = (code: number | null) => {
        cleanUp();
        reject(
          new Error(
            `Client process ${this.pid} exited with code ${code} before it replied "${expected}". Its error is printed above.`,
          ),
        );
      };
      const cleanUp = () => {
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      this.child.send(command);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/**
 * Waits until the workers report `expected` deliveries, or until none has
 * arrived for `idleMs`.
 */
export async function waitForDeliveries(
  workers: LoadWorker[],
  expected: number,
  idleMs: number,
): Promise<void> {
  const count = () => workers.reduce((sum, w) => sum + w.received, 0);
  let received = count();
  let progressAt = clockMs();
  while (received < expected && clockMs() - progressAt < idleMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = count();
    if (next > received) progressAt = clockMs();
    received = next;
  }
}
