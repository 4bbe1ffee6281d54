// Pure rules of the audit trail: French labels of known actions, filter checks.

/** French labels of the audited actions. Unknown codes are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "agreement.seed": "Création de l'accord-cadre (installation)",
  "agreement.update": "Modification de l'accord-cadre",
  "uoType.update": "Modification d'une unité d'œuvre",
  "contractor.create": "Ajout d'un titulaire",
  "contractor.update": "Modification d'un titulaire",
  "contractor.activate": "Réactivation d'un titulaire",
  "contractor.deactivate": "Désactivation d'un titulaire",
  "beneficiary.create": "Ajout d'un bénéficiaire",
  "beneficiary.update": "Modification d'un bénéficiaire",
  "beneficiary.activate": "Réactivation d'un bénéficiaire",
  "beneficiary.deactivate": "Désactivation d'un bénéficiaire",
  "user.create": "Ajout d'une personne",
  "user.update": "Modification d'une personne",
  "user.activate": "Réactivation d'un compte",
  "user.deactivate": "Désactivation d'un compte",
  "membership.add": "Ajout d'une habilitation",
  "membership.reactivate": "Réactivation d'une habilitation",
  "membership.deactivate": "Retrait d'une habilitation",
  "auth.signIn": "Connexion",
  "auth.signInRefused": "Connexion refusée",
  "auth.signOut": "Déconnexion",
  "auth.switchMembership": "Changement d'espace",
  "priceSchedule.propose": "Proposition d'une version de bordereau de prix",
  "priceSchedule.validate": "Validation d'une version de bordereau de prix",
  "priceSchedule.reject": "Refus d'une version de bordereau de prix",
  "product.create": "Ajout d'un produit",
  "product.update": "Modification d'un produit",
  "product.phase.start": "Début d'une nouvelle phase d'un produit",
  "order.create": "Création du brouillon de bon de commande",
  "order.update": "Modification du brouillon de bon de commande",
  "order.issue": "Émission et signature du bon de commande",
  "order.cancel": "Annulation du bon de commande",
  "order.acknowledge": "Accusé de réception du titulaire",
  "order.observe": "Observation du titulaire",
  "order.createCorrective": "Création d'un bon de commande modificatif",
  "order.corrected": "Quantités modifiées par un bon de commande modificatif",
  "order.complete": "Bon de commande terminé",
  "order.close": "Clôture du bon de commande (montant non consommé libéré)",
  "staffer.create": "Ajout d'un intervenant",
  "staffer.update": "Modification d'un intervenant",
  "staffer.activate": "Réactivation d'un intervenant",
  "staffer.deactivate": "Désactivation d'un intervenant",
  "assignment.create": "Affectation d'un intervenant à une ligne de commande",
  "assignment.update": "Modification de la période d'une affectation",
  "assignment.replace": "Remplacement d'un intervenant (CCTP §3.4)",
  "risk.create": "Signalement d'un risque",
  "risk.update": "Mise à jour d'un risque",
  "indicator.create": "Saisie des indicateurs d'impact d'un mois",
  "indicator.update": "Correction des indicateurs d'impact d'un mois",
  "serviceFait.issue": "Procès-verbal de service fait",
  "invoice.record": "Enregistrement d'une facture",
  "invoice.pay": "Enregistrement du paiement d'une facture",
  "activity.save": "Enregistrement d'un compte rendu d'activité",
  "activity.submit": "Soumission d'un compte rendu d'activité",
  "activity.validate": "Validation d'un compte rendu d'activité",
  "activity.reject": "Rejet d'un compte rendu d'activité",
  "activity.adjust": "Écriture d'ajustement d'un compte rendu d'activité validé",
  "agreementSetting.update": "Modification du seuil d'alerte de la prévision du plafond",
  "demo.seed": "Chargement des données de démonstration",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** French names of the audited entity types (Prisma model names). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  FrameworkAgreement: "Accord-cadre",
  UoType: "Unité d'œuvre",
  Contractor: "Titulaire",
  Beneficiary: "Bénéficiaire",
  User: "Personne",
  Membership: "Habilitation",
  PriceSchedule: "Bordereau de prix",
  PriceScheduleVersion: "Version de bordereau de prix",
  Product: "Produit",
  PurchaseOrder: "Bon de commande",
  Staffer: "Intervenant",
  Assignment: "Affectation",
  Risk: "Risque",
  ProductIndicator: "Indicateurs d'impact",
  ServiceFait: "Service fait",
  Invoice: "Facture",
  ActivityReport: "Compte rendu d'activité",
  AgreementSetting: "Réglages de l'accord-cadre",
};

export function auditEntityLabel(entityType: string): string {
  return AUDIT_ENTITY_LABELS[entityType] ?? entityType;
}

/** A before/after JSON value, indented for a `<pre>`; null when there is nothing. */
export function formatAuditJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, null, 2);
}
