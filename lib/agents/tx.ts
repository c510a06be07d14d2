export type { TenantTx } from "@/lib/db/tenant";
