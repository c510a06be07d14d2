/* A graph's limits, in a module without server imports: the API, the editor and the compiler share them. */

export const MAX_GRAPH_NODES = 50;
export const MAX_GRAPH_EDGES = 200;
export const DEFAULT_MAX_STEPS = 50;
export const MAX_MAX_STEPS = 200;
export const DEFAULT_MAX_VISITS_PER_NODE = 5;
export const MAX_SYSTEM_PROMPT_CHARS = 20_000;
