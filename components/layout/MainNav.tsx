"use client";
// The header's main navigation. A client component only to know the current path
// (aria-current on the active entry); the entries come from lib/auth/navigation.ts.
import { MainNavigation, type MainNavigationProps } from "@codegouvfr/react-dsfr/MainNavigation";
import { usePathname } from "next/navigation";
import { isActivePath, isNavMenu, navigationFor } from "@/lib/auth/navigation";
import type { RoleName } from "@/lib/auth/permissions";

/** `id` must be the one the DSFR Header gives its own navigation: `${headerId}-main-navigation`. */
export function MainNav({ role, id }: { role: RoleName; id: string }) {
  const pathname = usePathname() ?? "/";
  const items: MainNavigationProps.Item[] = navigationFor(role).map((entry) => {
    if (isNavMenu(entry)) {
      const menuLinks = entry.links.map((link) => ({
        text: link.label,
        linkProps: { href: link.href },
        isActive: isActivePath(pathname, link.href),
      }));
      return { text: entry.label, menuLinks, isActive: menuLinks.some((l) => l.isActive) };
    }
    return {
      text: entry.label,
      linkProps: { href: entry.href },
      isActive: isActivePath(pathname, entry.href),
    };
  });
  return <MainNavigation id={id} items={items} />;
}
