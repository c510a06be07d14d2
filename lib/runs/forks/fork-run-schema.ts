import { modelSchema } from "@/lib/workflows/model-schema";
import { forkRunSchemaWith } from "./fork-schemas";

/** A fork request as the API validates it: its override models must be served. */
export const forkRunSchema = forkRunSchemaWith(modelSchema).meta({ id: "ForkRun" });
