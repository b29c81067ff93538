"use client";
// The header's account control. Signed out: "Sign in" and "Sign up" links. Signed in (account or guest):
// a menu button that opens a list (Escape, a click outside, or navigating closes it).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutButton } from "./SignOutButton";

export type MenuUser = { name: string; email: string | null; isGuest: boolean; role: string };

export function AccountMenu({ user }: { user: MenuUser | null }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        root.current?.querySelector<HTMLButtonElement>("button[aria-expanded]")?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  if (!user) {
    return (
      <div className="account-links">
        <Link href="/signin">Sign in</Link>
        <Link href="/signup" className="button button-small">
          Sign up
        </Link>
      </div>
    );
  }

  return (
    <div className="account-menu" ref={root}>
      <button
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Account menu for ${user.isGuest ? "guest" : user.name}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {user.isGuest ? "G" : user.name.charAt(0).toUpperCase()}
        </span>
        <span className="account-name">{user.isGuest ? "Guest" : user.name}</span>
      </button>
      <div id={menuId} className="account-dropdown" hidden={!open}>
        {user.isGuest ? (
          <>
            <p className="muted">Your progress is kept in this browser as a guest.</p>
            <ul>
              <li>
                <Link href="/signup">Sign up to keep your progress</Link>
              </li>
              <li>
                <Link href="/signin">Sign in to an existing account</Link>
              </li>
              <li>
                <Link href="/account">Account</Link>
              </li>
            </ul>
          </>
        ) : (
          <>
            <p className="muted">
              Signed in as <strong>{user.email}</strong>
              {user.role === "admin" ? " (instructor)" : ""}
            </p>
            <ul>
              <li>
                <Link href="/account">Account</Link>
              </li>
              {user.role === "admin" ? (
                <li>
                  <Link href="/admin">Instructor dashboard</Link>
                </li>
              ) : null}
              <li>
                <SignOutButton />
              </li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
