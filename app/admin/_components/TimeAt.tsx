// A <time> element with a machine-readable value and the UTC text the admin tables use.
import { formatDateTime, formatRelative } from "@/lib/admin/format";

export function TimeAt({ at, now, relative = false }: { at: Date | null; now?: Date; relative?: boolean }) {
  if (!at) return <span aria-label="never">—</span>;
  return (
    <time dateTime={at.toISOString()} title={formatDateTime(at)}>
      {relative && now ? formatRelative(at, now) : formatDateTime(at)}
    </time>
  );
}
