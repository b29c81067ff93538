// Field errors worded as the API server words them (k8s.io/apimachinery/pkg/util/validation and
// .../validation/field): the detail text after "spec.x: " is what kubectl prints, so the
// helpers here format values the way Go's field.Error does (strings quoted, numbers bare).
import type { FieldError } from "../errors";

/** How field.Error prints a bad value: %q for strings, %d for numbers, Go map syntax for string maps. */
export function goValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  if (typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string")) {
    const entries = Object.entries(v as Record<string, string>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`);
    return `map[string]string{${entries.join(", ")}}`;
  }
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return `[]string{${v.map((x) => JSON.stringify(x)).join(", ")}}`;
  return JSON.stringify(v);
}

export const required = (field: string, detail = ""): FieldError => ({
  type: "FieldValueRequired",
  field,
  message: detail ? `Required value: ${detail}` : "Required value",
});

export const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({
  type: "FieldValueInvalid",
  field,
  message: `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ""}`,
});

export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  type: "FieldValueNotSupported",
  field,
  message: `Unsupported value: ${goValue(value)}${supported.length ? `: supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}` : ""}`,
});

export const duplicate = (field: string, value: unknown): FieldError => ({ type: "FieldValueDuplicate", field, message: `Duplicate value: ${goValue(value)}` });

export const forbiddenField = (field: string, detail: string): FieldError => ({ type: "FieldValueForbidden", field, message: `Forbidden: ${detail}` });

export const tooLong = (field: string, max: number): FieldError => ({ type: "FieldValueTooLong", field, message: `Too long: may not be more than ${max} bytes` });

export const immutable = (field: string, value: unknown): FieldError => invalidValue(field, value, "field is immutable");

// --- names (apimachinery/pkg/util/validation/validation.go) ---

const dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
const qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const labelValueFmt = `(${qualifiedNameFmt})?`;

const examples = (...xs: string[]) => `(e.g. ${xs.map((x) => `'${x}'`).join(",  or ")}, regex used for validation is `;

const dns1123LabelMsg = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character ${examples("my-name", "123-abc")}'${dns1123LabelFmt}')`;
const dns1123SubdomainMsg = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character ${examples("example.com")}'${dns1123SubdomainFmt}')`;
const dns1035LabelMsg = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character ${examples("my-name", "abc-123")}'${dns1035LabelFmt}')`;
const qualifiedNameMsg = `must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${examples("MyName", "my.name", "123-abc")}'${qualifiedNameFmt}')`;
const labelValueMsg = `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${examples("MyValue", "my_value", "12345")}'${labelValueFmt}')`;

const full = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123LabelRe = full(dns1123LabelFmt);
const dns1123SubdomainRe = full(dns1123SubdomainFmt);
const dns1035LabelRe = full(dns1035LabelFmt);
const qualifiedNameRe = full(qualifiedNameFmt);
const labelValueRe = full(labelValueFmt);

const maxLen = (n: number) => `must be no more than ${n} characters`;

/** IsDNS1123Label: the list of problems (empty = valid). */
export function dns1123Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!dns1123LabelRe.test(v)) out.push(dns1123LabelMsg);
  return out;
}

export function dns1123Subdomain(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push(maxLen(253));
  if (!dns1123SubdomainRe.test(v)) out.push(dns1123SubdomainMsg);
  return out;
}

export function dns1035Label(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!dns1035LabelRe.test(v)) out.push(dns1035LabelMsg);
  return out;
}

/** IsQualifiedName: label and annotation keys ("app", "app.kubernetes.io/name"). */
export function qualifiedName(v: string): string[] {
  const parts = v.split("/");
  let name = v;
  const out: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) out.push("prefix part must be non-empty");
    else for (const m of dns1123Subdomain(prefix)) out.push(`prefix part ${m}`);
  } else if (parts.length > 2) {
    return [`a qualified name ${qualifiedNameMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) out.push("name part must be non-empty");
  else if (name.length > 63) out.push(`name part ${maxLen(63)}`);
  if (name.length && !qualifiedNameRe.test(name)) out.push(`name part ${qualifiedNameMsg}`);
  return out;
}

export function labelValue(v: string): string[] {
  const out: string[] = [];
  if (v.length > 63) out.push(maxLen(63));
  if (!labelValueRe.test(v)) out.push(labelValueMsg);
  return out;
}

/** IsValidPortName: an IANA_SVC_NAME. */
export function portName(v: string): string[] {
  const out: string[] = [];
  if (v.length < 1 || v.length > 15) out.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(v)) out.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (v.includes("--")) out.push("must not contain consecutive hyphens");
  if (!/[a-z]/.test(v)) out.push("must contain at least one letter (a-z)");
  if (v.startsWith("-") || v.endsWith("-")) out.push("must not begin or end with a hyphen");
  return out;
}

export const portNumberMsg = "must be between 1 and 65535, inclusive";
export const isPort = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535;

/** One FieldError per problem a name checker reports, as ValidateObjectMeta does. */
export function nameErrors(field: string, value: string, check: (v: string) => string[]): FieldError[] {
  return check(value).map((m) => invalidValue(field, value, m));
}

export const notFoundValue = (field: string, value: unknown): FieldError => ({ type: "FieldValueNotFound", field, message: `Not found: ${goValue(value)}` });
