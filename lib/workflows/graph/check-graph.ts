export * from "@/lib/graph/check-graph";
