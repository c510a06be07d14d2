export * from "@/lib/graph/system-prompt";
