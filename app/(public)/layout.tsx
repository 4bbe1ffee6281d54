import type { ReactNode } from "react";

export default function PublicLayout({ children }: { children: ReactNode }) {
  return <div className="fr-container fr-my-6w">{children}</div>;
}
