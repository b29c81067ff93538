// The instructor area's frame: its own navigation, shown to admins only. Every page checks access
// itself (a layout is not re-run on every navigation, so it cannot be the guard).
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/session";
import { AdminNav } from "./_components/AdminNav";
import styles from "./admin.module.css";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <div className={styles.page}>
      {user?.role === "admin" ? <AdminNav /> : null}
      {children}
    </div>
  );
}
