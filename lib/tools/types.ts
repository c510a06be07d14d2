/**
 * The tool-use shapes of the model interface (lib/models/types.ts): a tool
 * offered to the model, a call it asks for, and the result sent back.
 */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface ModelToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ModelToolResult {
  toolCallId: string;
  content: string;
  isError?: boolean;
}
