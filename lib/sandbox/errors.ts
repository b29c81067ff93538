// API errors as the real API server words them (k8s.io/apimachinery/pkg/api/errors). kubectl builds
// its message from `reason` and `message`, so the wording here is what learners read.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never> | { resourceVersion?: string };
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    const s: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }
}

/** "pods" or "deployments.apps": how the API server names a resource in messages. */
export const qualifiedResource = (resource: string, group: string): string => (group ? `${resource}.${group}` : resource);

export const notFound = (resource: string, group: string, name: string) =>
  new ApiError(404, "NotFound", `${qualifiedResource(resource, group)} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });

export const alreadyExists = (resource: string, group: string, name: string) =>
  new ApiError(409, "AlreadyExists", `${qualifiedResource(resource, group)} "${name}" already exists`, { name, ...(group ? { group } : {}), kind: resource });

export const conflict = (resource: string, group: string, name: string, why = "the object has been modified; please apply your changes to the latest version and try again") =>
  new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });

export interface FieldError {
  /** "FieldValueRequired" | "FieldValueInvalid" | "FieldValueNotSupported" | "FieldValueDuplicate" | "FieldValueForbidden" | "FieldValueTooLong" */
  type: "FieldValueRequired" | "FieldValueInvalid" | "FieldValueNotSupported" | "FieldValueDuplicate" | "FieldValueForbidden" | "FieldValueTooLong" | "FieldValueTypeInvalid" | "FieldValueNotFound" | "FieldValueTooMany";
  field: string;
  /** The full detail after the field path, e.g. `Invalid value: "Bad_Name": a lowercase RFC 1123 ...` or `Required value`. */
  message: string;
}

/** 422: `Pod "bad" is invalid: spec.containers[0].image: Required value` (kind is the Kind, qualified with its group). */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const parts = errors.map((e) => `${e.field}: ${e.message}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  return new ApiError(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${summary}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

export const badRequest = (message: string) => new ApiError(400, "BadRequest", message);

export const methodNotAllowed = (message = "the server does not allow this method on the requested resource") => new ApiError(405, "MethodNotAllowed", message);

export const unsupportedMediaType = (contentType: string) =>
  new ApiError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got "${contentType}")`);

export const notFoundPath = () => new ApiError(404, "NotFound", "the server could not find the requested resource");

export const unauthorized = () => new ApiError(401, "Unauthorized", "Unauthorized");

export const forbidden = (message: string) => new ApiError(403, "Forbidden", message);

export const tooLarge = () => new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");

export const tooManyRequests = (retryAfterSeconds = 1) =>
  new ApiError(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds });

/** 403 as ResourceQuota admission words it. */
export const quotaExceeded = (resource: string, group: string, name: string, quota: string, what: string, requested: number, used: number, limited: number) =>
  new ApiError(
    403,
    "Forbidden",
    `${qualifiedResource(resource, group)} "${name}" is forbidden: exceeded quota: ${quota}, requested: ${what}=${requested}, used: ${what}=${used}, limited: ${what}=${limited}`,
    { name, ...(group ? { group } : {}), kind: resource },
  );

export const expired = (message: string) => new ApiError(410, "Expired", message);

export const internalError = (message: string) => new ApiError(500, "InternalError", `Internal error occurred: ${message}`);
