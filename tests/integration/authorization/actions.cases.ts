// Server actions in the authorization matrix (tests/integration/authorization.test.ts).
// Every export of a "use server" file is listed with the mutation it runs: the matrix checks
// that it is one of its mutation cases (each persona × own and foreign record), that the
// action passes it the session's actor, and that signed out it refuses and writes nothing.
// The actions with a `form` are also posted through the action itself (FormData, as the
// browser sends it) per persona × owner, on the record of their mutation case.
import type { ActionCase, Kit } from "../authorization.test";

const ORDERS = "lib/orders/actions.ts";

export function actions(kit: Kit): ActionCase[] {
  const version = async (id: string) =>
    String(
      (await kit.db().purchaseOrder.findUniqueOrThrow({ where: { id }, select: { version: true } })).version,
    );
  const productVersion = async (id: string) =>
    String((await kit.db().product.findUniqueOrThrow({ where: { id }, select: { version: true } })).version);
  const of = (file: string, pairs: Array<[string, string]>): ActionCase[] =>
    pairs.map(([action, mutation]) => ({ file, action, mutation }));

  return [
    ...of("lib/activity/actions.ts", [
      ["saveReportAction", "saveReport"],
      ["submitReportAction", "submitReport"],
      ["validateReportAction", "validateReport"],
      ["rejectReportAction", "rejectReport"],
      ["createAdjustmentAction", "createAdjustment"],
      ["updateAdjustmentAction", "updateAdjustment"],
    ]),
    ...of("lib/agreement/actions.ts", [
      ["updateAgreementAction", "updateAgreement"],
      ["updateUoTypeAction", "updateUoType"],
    ]),
    {
      file: "lib/auth/actions.ts",
      action: "switchMembershipAction",
      mutation: null,
      exempt:
        "switches among the caller's OWN memberships: tests/integration/auth.test.ts › switching membership (someone else's membership → not found)",
    },
    ...of("lib/impact/actions.ts", [["saveIndicatorAction", "saveIndicator"]]),
    ...of("lib/invoices/actions.ts", [
      ["recordInvoiceAction", "recordInvoice"],
      ["recordPaymentAction", "recordPayment"],
    ]),
    ...of(ORDERS, [
      ["createOrderDraftAction", "createOrderDraft"],
      ["updateOrderDraftAction", "updateOrderDraft"],
      ["createCorrectiveOrderAction", "createCorrectiveOrder"],
    ]),
    {
      file: ORDERS,
      action: "issueOrderAction",
      mutation: "issueOrder",
      form: async (id) => ({
        id,
        version: await version(id),
        legalCommitmentNumber: "1300012345",
        signatoryName: "Signataire",
        confirm: "on",
      }),
    },
    {
      file: ORDERS,
      action: "cancelOrderAction",
      mutation: "cancelOrder",
      form: async (id) => ({ id, version: await version(id), reason: "Besoin abandonné" }),
    },
    {
      file: ORDERS,
      action: "acknowledgeOrderAction",
      mutation: "acknowledgeOrder",
      form: async (id) => ({ id, version: await version(id) }),
    },
    {
      file: ORDERS,
      action: "recordObservationAction",
      mutation: "recordObservation",
      form: async (id) => ({ id, text: "Équipe mobilisée le 1er décembre." }),
    },
    {
      file: ORDERS,
      action: "completeOrderAction",
      mutation: "completeOrder",
      form: async (id) => ({ id, version: await version(id), confirm: "on" }),
    },
    {
      file: ORDERS,
      action: "closeOrderAction",
      mutation: "closeOrder",
      form: async (id) => ({ id, version: await version(id), confirm: "on" }),
    },
    ...of("lib/organisations/actions.ts", [
      ["createContractorAction", "createContractor"],
      ["updateContractorAction", "updateContractor"],
      ["setContractorActiveAction", "setContractorActive"],
      ["createBeneficiaryAction", "createBeneficiary"],
      ["updateBeneficiaryAction", "updateBeneficiary"],
      ["setBeneficiaryActiveAction", "setBeneficiaryActive"],
    ]),
    ...of("lib/people/actions.ts", [
      ["createUserAction", "createUser"],
      ["updateUserAction", "updateUser"],
      ["setUserActiveAction", "setUserActive"],
      ["addMembershipAction", "addMembership"],
      ["setMembershipActiveAction", "setMembershipActive"],
    ]),
    ...of("lib/price-schedules/actions.ts", [
      ["proposePriceScheduleVersionAction", "proposePriceScheduleVersion"],
      ["validatePriceScheduleVersionAction", "validatePriceScheduleVersion"],
      ["rejectPriceScheduleVersionAction", "rejectPriceScheduleVersion"],
    ]),
    ...of("lib/products/actions.ts", [["createProductAction", "createProduct"]]),
    {
      file: "lib/products/actions.ts",
      action: "updateProductAction",
      mutation: "updateProduct",
      form: async (id) => ({
        id,
        version: await productVersion(id),
        name: `Produit ${kit.uniq()}`,
        kind: "STARTUP_ETAT",
      }),
    },
    {
      file: "lib/products/actions.ts",
      action: "startProductPhaseAction",
      mutation: "startProductPhase",
      form: async (productId) => ({ productId, phase: "CONSTRUCTION", startsOn: "2025-03-03" }),
    },
    ...of("lib/reporting/actions.ts", [["updateForecastThresholdAction", "updateForecastThreshold"]]),
    ...of("lib/risks/actions.ts", [
      ["createRiskAction", "createRisk"],
      ["updateRiskAction", "updateRisk"],
    ]),
    ...of("lib/service-fait/actions.ts", [["issueServiceFaitAction", "issueServiceFait"]]),
    ...of("lib/staffing/actions.ts", [
      ["createStafferAction", "createStaffer"],
      ["updateStafferAction", "updateStaffer"],
      ["setStafferActiveAction", "setStafferActive"],
      ["createAssignmentAction", "createAssignment"],
      ["updateAssignmentAction", "updateAssignment"],
      ["replaceAssignmentAction", "replaceAssignment"],
    ]),
  ];
}
