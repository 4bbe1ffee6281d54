// Run before `next start`: in production a missing or invalid required setting stops the
// server at start, naming the variable, instead of failing on the first request.
import { loadEnvConfig } from "@next/env";
import { describeEnvIssues } from "@/lib/env";

// The same .env files `next start` reads (production mode).
loadEnvConfig(process.cwd(), false);
const issues = describeEnvIssues({ ...process.env, NODE_ENV: "production" });
if (issues.length > 0) {
  console.error("Le portail ne peut pas démarrer : configuration invalide.");
  for (const line of issues) console.error(`  - ${line}`);
  console.error("Voir .env.example et le README (section Configuration).");
  process.exit(1);
}
