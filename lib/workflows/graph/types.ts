export * from "@/lib/graph/types";
