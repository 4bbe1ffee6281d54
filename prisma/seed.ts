// `npm run db:seed` loads the agreement and its UO catalogue (all environments);
// `npm run db:seed -- --demo` also loads the demo organisations, accounts and products.
import { closeDb, getDb } from "@/lib/db";
import { seedIfEmpty } from "./seed/demo";
import { seedReference } from "./seed/reference";

async function main() {
  const db = await getDb();
  if (process.argv.includes("--demo")) {
    const loaded = await seedIfEmpty(db);
    console.log(loaded ? "Données de démonstration chargées." : "Données déjà présentes : rien à faire.");
  } else {
    await seedReference(db);
    console.log("Accord-cadre et catalogue des UO présents.");
  }
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
