// Inputs of the people and membership forms, shared by the forms and their actions.
import { ROLES } from "@/lib/auth/permissions";
import { text, uuid, version, z } from "@/lib/validation";
import { normalizeEmail } from "./rules";

export const email = z
  .string({ error: "L'adresse e-mail est obligatoire." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "L'adresse e-mail est obligatoire.")
      .max(254, "L'adresse e-mail ne doit pas dépasser 254 caractères.")
      .pipe(z.email("L'adresse e-mail n'est pas valide, par exemple prenom.nom@exemple.gouv.fr.")),
  );

const userFields = {
  email,
  givenName: text("Le prénom", 100),
  usualName: text("Le nom", 100),
};

export const userCreateSchema = z.strictObject(userFields);
export type UserInput = z.output<typeof userCreateSchema>;
export const userUpdateSchema = z.strictObject({ ...userFields, id: uuid(), version });

export const setActiveSchema = z.strictObject({
  id: uuid(),
  version,
  active: z
    .enum(["true", "false"], { error: "Le choix activer/désactiver est invalide." })
    .transform((v) => v === "true"),
});

export const role = z.enum(ROLES, { error: "Choisissez un rôle." });

/** For DINUM, the organisation is implied (the one DINUM organisation), so none is sent. */
export const membershipAddSchema = z
  .strictObject({
    userId: uuid("La personne"),
    role,
    organisationId: z
      .string()
      .optional()
      .transform((s) => (s ?? "").trim() || null)
      .pipe(uuid("L'organisation").nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.role !== "DINUM" && !v.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Choisissez l'organisation." });
    }
  });
export type MembershipAddInput = { role: z.output<typeof role>; organisationId: string | null };
