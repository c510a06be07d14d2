export * from "@/lib/graph/output-types";
