/** The engine event that delivers one webhook message (its attempts and the waits between them). */
export const WEBHOOK_MESSAGE_QUEUED = "webhook/message-queued";

export function webhookMessageEvent(messageId: string, workspaceId: string, orderKey: string) {
  // A fresh event id per send: a redelivery is a new run of the function for the same message.
  return { name: WEBHOOK_MESSAGE_QUEUED, data: { messageId, workspaceId, orderKey } };
}
