import "server-only";
import { Client } from "pg";
import { scopeFor } from "@/lib/db/tenant";
import { getRun } from "./get-run";
import { modelRetryWait } from "./model-retry-wait";
import { RUN_DELTA_CHANNEL } from "./publish-step-delta";
import type { RunDto } from "./serialize-run";

/** The channel the database notifies with a run's id when the run or one of its steps changes (see the migration run_change_notify). */
export const RUN_CHANGED_CHANNEL = "run_changed";
/** While the listening connection is down, watched runs are read this often (one loop for all of them). */
const FALLBACK_POLL_MS = 1_000;
/** The listening connection is closed after this long with no run watched. */
const IDLE_CLOSE_MS = 30_000;

export interface RunListener {
  /** The run as it is now (after a change, or when the listener joins); listeners work out what changed. */
  onRun(run: RunDto): void;
  /** The run could not be read (deleted: a 404 AppError). */
  onError(err: unknown): void;
  /** A piece of a running step's streamed model text (see lib/runs/publish-step-delta.ts). */
  onDelta?(stepId: string, text: string): void;
}

interface WatchedRun {
  workspaceId: string;
  listeners: Set<RunListener>;
  reading: boolean;
  /** A change arrived while the run was being read: read it again afterwards. */
  stale: boolean;
}

/** What the feed has done in this process (tests and diagnostics). */
export interface FeedStats {
  /** Listening connections opened so far. */
  connections: number;
  /** Runs read to follow changes (one read per change of a watched run, however many streams follow it). */
  reads: number;
  notifications: number;
}

/**
 * One change feed per process for every open run event stream. It LISTENs on
 * one dedicated PostgreSQL connection; a trigger notifies the run's id on
 * every visible change of a run or its steps. On a notification for a watched
 * run the feed reads that run once and hands it to every listener. If the
 * connection drops, the feed reads every watched run each second (one loop)
 * until it is back, then catches up once.
 */
class RunChangeFeed {
  private readonly runs = new Map<string, WatchedRun>();
  private client: Client | null = null;
  private connecting: Promise<boolean> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  readonly stats: FeedStats = { connections: 0, reads: 0, notifications: 0 };

  /** Follows a run: `listener` gets the run now and after every change until the returned function is called. */
  subscribe(workspaceId: string, runId: string, listener: RunListener): () => void {
    let watched = this.runs.get(runId);
    if (!watched) {
      watched = { workspaceId, listeners: new Set(), reading: false, stale: false };
      this.runs.set(runId, watched);
    }
    if (watched.workspaceId !== workspaceId) throw new Error(`Run ${runId} is not in workspace ${workspaceId}`);
    watched.listeners.add(listener);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    // Listen first, then read: a change committed after the read is then always notified.
    void this.listen().then(() => this.read(runId));
    return () => this.unsubscribe(runId, listener);
  }

  /** Listeners following runs right now. */
  listenerCount(): number {
    let n = 0;
    for (const watched of this.runs.values()) n += watched.listeners.size;
    return n;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.stopPolling();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private unsubscribe(runId: string, listener: RunListener): void {
    const watched = this.runs.get(runId);
    if (!watched) return;
    watched.listeners.delete(listener);
    if (watched.listeners.size > 0) return;
    this.runs.delete(runId);
    if (this.runs.size === 0) {
      this.stopPolling();
      this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
      this.idleTimer.unref();
    }
  }

  /** Reads the run and hands it to its listeners; a read asked for while one is under way happens after it. */
  private async read(runId: string): Promise<void> {
    const watched = this.runs.get(runId);
    if (!watched) return;
    if (watched.reading) {
      watched.stale = true;
      return;
    }
    watched.reading = true;
    try {
      do {
        watched.stale = false;
        this.stats.reads++;
        try {
          const scope = scopeFor(watched.workspaceId);
          const read = await getRun(scope, runId);
          // A step's model call waiting out a rate limit (or another transient error) says so in the stream too.
          const retry = read.status === "running" && !read.waitingFor ? await modelRetryWait(scope, runId) : null;
          const run = retry ? { ...read, waitingFor: retry } : read;
          for (const listener of [...watched.listeners]) listener.onRun(run);
        } catch (err) {
          for (const listener of [...watched.listeners]) listener.onError(err);
        }
      } while (watched.stale && this.runs.get(runId) === watched);
    } finally {
      watched.reading = false;
    }
  }

  /** True once the listening connection is up; false (and polling) when it cannot be opened. */
  private listen(): Promise<boolean> {
    if (this.client) return Promise.resolve(true);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<boolean> {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    client.on("notification", (message) => {
      if (message.channel === RUN_DELTA_CHANNEL && message.payload) {
        this.delta(message.payload);
        return;
      }
      if (message.channel !== RUN_CHANGED_CHANNEL || !message.payload) return;
      this.stats.notifications++;
      if (this.runs.has(message.payload)) void this.read(message.payload);
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${RUN_CHANGED_CHANNEL}`);
      await client.query(`LISTEN ${RUN_DELTA_CHANNEL}`);
    } catch (err) {
      console.error("Run change feed: cannot listen, polling instead", err);
      await client.end().catch(() => undefined);
      this.startPolling();
      return false;
    }
    this.client = client;
    this.stats.connections++;
    if (this.pollTimer) {
      // Back after an outage: catch up once, then rely on notifications again.
      this.stopPolling();
      for (const runId of this.runs.keys()) void this.read(runId);
    }
    return true;
  }

  /** Hands a step's streamed text to the run's listeners; deltas of runs not watched here are dropped. */
  private delta(payload: string): void {
    let parsed: { runId?: unknown; stepId?: unknown; text?: unknown };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      return;
    }
    const { runId, stepId, text } = parsed;
    if (typeof runId !== "string" || typeof stepId !== "string" || typeof text !== "string") return;
    const watched = this.runs.get(runId);
    if (!watched) return;
    for (const listener of [...watched.listeners]) listener.onDelta?.(stepId, text);
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.runs.size > 0) this.startPolling();
  }

  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      void this.listen();
      for (const runId of this.runs.keys()) void this.read(runId);
    }, FALLBACK_POLL_MS);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}

// globalThis has no such field in its type: one slot per process that survives module reloads in development.
const holder = globalThis as unknown as { loopllamaRunChangeFeed?: RunChangeFeed };

/** The process's one change feed. */
export function runChangeFeed(): RunChangeFeed {
  holder.loopllamaRunChangeFeed ??= new RunChangeFeed();
  return holder.loopllamaRunChangeFeed;
}
