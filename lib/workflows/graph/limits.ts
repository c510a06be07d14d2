export * from "@/lib/graph/limits";
