// Request bodies: JSON, YAML and Kubernetes protobuf (kubectl ≥1.32's typed `create` commands and
// `auth can-i` send `application/vnd.kubernetes.protobuf`), and fieldValidation
// (Strict → 400 "strict decoding error", Warn → Warning header, Ignore) as the API server applies it.
import YAML from "yaml";
import type { Cluster } from "../cluster";
import { badRequest, unsupportedMediaType } from "../errors";
import { unknownFields } from "../kinds/fields";
import type { KindDef } from "../kinds/types";
import { decodeProtobuf } from "../protobuf";
import type { K8sObject } from "../types";

export const PROTOBUF = "application/vnd.kubernetes.protobuf";

/** Decodes an object body by its Content-Type. */
export function decodeObject(body: Buffer, mediaType: string, cluster: Cluster, def?: KindDef): K8sObject {
  let v: unknown;
  if (mediaType === PROTOBUF) return decodeProtobuf(body, cluster.kinds);
  if (mediaType === "" || mediaType === "application/json" || mediaType === "*/*") v = parseJSON(body, def);
  else if (mediaType === "application/yaml" || mediaType === "application/x-yaml" || mediaType === "text/yaml") v = parseYAML(body.toString("utf8"));
  else throw unsupportedMediaType(mediaType);
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw badRequest(`Object 'Kind' is missing in '${truncate(body.toString("utf8"))}'`);
  const o = v as K8sObject;
  if (o.metadata === undefined || o.metadata === null) o.metadata = {};
  if (typeof o.metadata !== "object" || Array.isArray(o.metadata)) throw badRequest(`${def?.kind ?? "object"} in version "${def?.version ?? "v1"}" cannot be handled as a ${def?.kind ?? "object"}: json: cannot unmarshal ${typeof o.metadata} into Go struct field ${def?.kind ?? "Object"}.metadata of type v1.ObjectMeta`);
  return o;
}

const truncate = (s: string) => (s.length > 200 ? s.slice(0, 200) + "..." : s);

export function parseJSON(body: Buffer, def?: KindDef): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    const what = def ? `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ` : "";
    throw badRequest(`${what}couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function parseYAML(text: string): unknown {
  try {
    return YAML.parse(text);
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split("\n")[0]}`);
  }
}

export type FieldValidation = "Strict" | "Warn" | "Ignore";

export function parseFieldValidation(v: string | null): FieldValidation {
  if (v === null || v === "") return "Warn";
  const norm = v[0].toUpperCase() + v.slice(1).toLowerCase();
  if (norm === "Strict" || norm === "Warn" || norm === "Ignore") return norm;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict"; got "${v}"`);
}

/** Strict: 400 listing every unknown field; Warn: one warning each; Ignore: nothing. */
export function checkUnknownFields(def: KindDef, obj: unknown, mode: FieldValidation, warnings: string[]): void {
  if (mode === "Ignore") return;
  const unknown = unknownFields(def, obj);
  if (!unknown.length) return;
  const parts = unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (mode === "Strict") throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${parts.join(", ")}`);
  warnings.push(...parts);
}
