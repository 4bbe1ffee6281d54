// Filters of the follow-up list (/suivi), read from the URL: anything odd is dropped rather
// than refused, so a hand-edited URL shows the unfiltered list instead of an error.
import { z } from "@/lib/validation";

/** The statuses an order has once it commits days (drafts and cancelled orders have none). */
export const FOLLOWED_STATUSES = ["ISSUED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"] as const;
export type FollowedStatus = (typeof FOLLOWED_STATUSES)[number];

export const followUpFiltersSchema = z.object({
  status: z.enum(FOLLOWED_STATUSES).optional().catch(undefined),
  productId: z.uuid().optional().catch(undefined),
  contractorId: z.uuid().optional().catch(undefined),
});
export type FollowUpFilters = z.output<typeof followUpFiltersSchema>;
