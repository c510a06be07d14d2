export * from "@/lib/graph/analysis";
