// What a signed-in learner (or guest) sees at an instructor page: the same words the admin JSON routes
// answer with 403, and a way on.
import Link from "next/link";
import { ADMIN_ONLY_MESSAGE } from "@/lib/admin/access";

export function Forbidden() {
  return (
    <div className="narrow">
      <h1>Instructors only</h1>
      <p role="alert">{ADMIN_ONLY_MESSAGE}</p>
      <p>
        <Link href="/">Go to the course home</Link>
      </p>
    </div>
  );
}
