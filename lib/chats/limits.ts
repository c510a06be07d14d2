/** Limits of Loopi's chats, enforced by the API and shown in the docs. */
export const MAX_CHATS_PER_WORKSPACE = 200;
export const MAX_MESSAGES_PER_CHAT = 200;
export const MAX_MESSAGE_CHARS = 8000;
export const MAX_CHAT_TITLE_CHARS = 120;
/** Earlier turns sent to the model with a new message. */
export const CHAT_HISTORY_TURNS = 20;
/** Fenced blocks read from one reply; more are reported, not parsed. */
export const MAX_BLOCKS_PER_REPLY = 10;
/** Characters of one block's JSON. */
export const MAX_BLOCK_CHARS = 64 * 1024;
/** Characters of a reply kept and parsed; the model's answer is capped at this. */
export const MAX_REPLY_CHARS = 200 * 1024;
