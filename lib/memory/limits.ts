/** Memories recalled into one step's input. */
export const RECALL_LIMIT = 5;
/** Characters of one stored memory (longer outputs are cut). */
export const MAX_MEMORY_CHARS = 4000;
/** Memories one list or search answers with. */
export const MEMORY_PAGE = 100;
