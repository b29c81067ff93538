"use client";
// The instructor pages' own navigation; marks the current section for screen readers (aria-current).
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "../admin.module.css";

const LINKS = [
  { href: "/admin", label: "Overview and learners", match: (p: string) => p === "/admin" || p.startsWith("/admin/learners") },
  { href: "/admin/sessions", label: "Live lab sessions", match: (p: string) => p.startsWith("/admin/sessions") },
];

export function AdminNav() {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Instructor" className={styles.subnav}>
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l.match(pathname) ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
