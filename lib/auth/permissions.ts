// Permissions are data: one table maps each role to its capabilities. Policies
// (lib/<domain>/policies.ts) add the record-level check ("own organisation"), always
// decided from the record in the database, never from what the browser sends.
// The authorization test matrix (tests/integration/authorization.test.ts) is generated
// from this table.

export const ROLES = ["BENEFICIARY", "CONTRACTOR", "DINUM"] as const;
export type RoleName = (typeof ROLES)[number];

export const CAPABILITIES = [
  "reference:read", // agreement, UO catalogue, organisations' public details
  "agreement:manage", // agreement and UO catalogue
  "organisation:manage", // contractors and beneficiaries
  "people:manage", // users and memberships
  "priceSchedule:readValidated",
  "priceSchedule:readOwn", // own company's versions, including proposals and rejections
  "priceSchedule:readAll",
  "priceSchedule:propose", // own company
  "priceSchedule:decide",
  "product:readOwn", // own organisation's products
  "product:readAll",
  "product:manageOwn", // own organisation's products and their phases
  "product:manageAll",
  "audit:read",
  "order:readOwn", // orders of its organisation (beneficiary) or addressed to its company (contractor)
  "order:readAll",
  "order:manageOwn", // create, edit, issue, cancel its organisation's orders
  "order:acknowledge", // acknowledge and comment orders addressed to its company
  "staffing:manageOwn", // own company's staffers and their assignments to its orders
  "staffing:readAll",
  "activity:reportOwn", // edit and submit monthly reports on orders addressed to its company
  "activity:validateOwn", // validate or reject reports on its organisation's orders
  "serviceFait:certifyOwn", // issue service-fait records on its organisation's orders
  "invoice:recordOwn", // record own company's invoices against service-fait records
  "payment:recordOwn", // record the payment date of invoices on its organisation's orders
  "risk:manageOwn", // risks of the products its company works on
  "risk:readAll",
  "indicator:manageOwn", // impact indicators of its organisation's products
  "reporting:read", // consolidated dashboard, reports owed to DINUM, settings
  "reporting:manage",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const PERMISSIONS: Record<RoleName, readonly Capability[]> = {
  BENEFICIARY: [
    "reference:read",
    "priceSchedule:readValidated",
    "product:readOwn",
    "product:manageOwn",
    "order:readOwn",
    "order:manageOwn",
    "activity:validateOwn",
    "serviceFait:certifyOwn",
    "payment:recordOwn",
    "indicator:manageOwn",
  ],
  CONTRACTOR: [
    "reference:read",
    "priceSchedule:readValidated",
    "priceSchedule:readOwn",
    "priceSchedule:propose",
    "product:readAll",
    "order:readOwn",
    "order:acknowledge",
    "staffing:manageOwn",
    "activity:reportOwn",
    "invoice:recordOwn",
    "risk:manageOwn",
  ],
  DINUM: [
    "reference:read",
    "agreement:manage",
    "organisation:manage",
    "people:manage",
    "priceSchedule:readValidated",
    "priceSchedule:readAll",
    "priceSchedule:decide",
    "product:readAll",
    "product:manageAll",
    "audit:read",
    "order:readAll",
    "staffing:readAll",
    "risk:readAll",
    "reporting:read",
    "reporting:manage",
  ],
};

export function roleHas(role: RoleName, capability: Capability): boolean {
  return PERMISSIONS[role].includes(capability);
}
