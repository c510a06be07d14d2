/* The command line's HTTP client: node's fetch, a bearer token, errors as sentences. */

export class CliError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface ClientOptions {
  url: string;
  token: string;
  workspace?: string;
}

export interface ApiClient {
  base: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stream(path: string, signal?: AbortSignal): Promise<Response>;
}

export function apiClient(options: ClientOptions): ApiClient {
  const base = options.url.replace(/\/+$/, "");
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${options.token}`,
    ...(options.workspace ? { "x-workspace": options.workspace } : {}),
    ...extra,
  });
  const send = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, ...init });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(
        `Cannot reach ${base} (${cause?.code ?? cause?.message ?? (err as Error).message}); check --url or LOOPLLAMA_URL`,
      );
    }
    if (res.ok) return res;
    const text = await res.text();
    let error: { code?: string; message?: string; details?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      // not JSON
    }
    if (res.status === 401) {
      // The server's message is a sentence: its full stop would read ".;" before our hint.
      const reason = (error?.message ?? "unauthorized").replace(/[.!\s]+$/, "");
      throw new CliError(`${base} refused the token (401): ${reason}; check --token or LOOPLLAMA_TOKEN`);
    }
    if (res.status === 404) throw new CliError(`Not found (404): ${error?.message ?? `${method} ${path}`}`);
    throw new CliError(
      `${method} ${path} failed (${res.status}): ${error?.message ?? (text.slice(0, 200) || res.statusText)}`,
      error?.details,
    );
  };
  return {
    base,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await send(method, path, {
        headers: headers(body === undefined ? {} : { "content-type": "application/json" }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    stream: (path, signal) => send("GET", path, { headers: headers({ accept: "text/event-stream" }), signal }),
  };
}

/** Server-sent events of a response body, one `{ event, data }` at a time. */
export async function* readEvents(res: Response): AsyncGenerator<{ event: string; data: string }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length || event !== "message") yield { event, data: data.join("\n") };
    }
  }
}
