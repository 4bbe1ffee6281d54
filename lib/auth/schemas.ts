// zod inputs of the sign-in area, shared by the forms and the actions (strict: extra
// fields are refused).
import { uuid, z } from "@/lib/validation";

export const switchMembershipSchema = z.strictObject({
  membershipId: uuid("L'espace choisi"),
});

export type SwitchMembershipInput = z.infer<typeof switchMembershipSchema>;
