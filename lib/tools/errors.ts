/**
 * A tool call that could not be done (refused, timed out, failed). Its message
 * goes back to the model as the call's result and onto the step's record; the
 * step itself goes on.
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}
