/**
 * Text from the server (a run's output, an error, a name) as the terminal
 * should print it: control characters other than tab and newline are dropped,
 * so a model's reply or an event's data cannot send escape sequences (colours,
 * cursor moves, a window title, a clipboard write) to the user's terminal.
 */
export function plainText(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}
