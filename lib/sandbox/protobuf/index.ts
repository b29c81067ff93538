// Decoding Kubernetes protobuf request bodies (Content-Type application/vnd.kubernetes.protobuf),
// which kubectl ≥ 1.32 sends for typed `create` commands and `auth can-i` (kubectl-wire §5): the
// 4-byte "k8s\0" magic, a runtime.Unknown envelope {typeMeta, raw}, and the object in gogo proto2
// encoding. The result is the object as kubectl ≤ 1.31 would have sent it in JSON. Message field
// numbers live in ./messages; this module turns them into protobufjs types once and converts the
// decoded message into JSON shape (omitempty semantics, Time → RFC 3339, IntOrString, Quantity,
// base64 bytes).
import protobuf from "protobufjs";
import type { KindRegistry } from "../cluster";
import { ApiError, badRequest } from "../errors";
import type { K8sObject } from "../types";
import { INT_OR_STRING, QUANTITY, TIME, messages, rootMessages, type FieldSpec } from "./messages";

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const typeName = (m: string) => m.replace(/\./g, "_");
const SCALARS = new Set(["string", "int32", "int64", "bool", "bytes"]);

let root: protobuf.Root | undefined;

/** The protobufjs types for every message in ./messages, built once per process. */
export function protobufRoot(): protobuf.Root {
  if (root) return root;
  const r = new protobuf.Root();
  for (const [name, fields] of Object.entries(messages)) {
    const t = new protobuf.Type(typeName(name));
    for (const [field, [id, type, ...flags]] of Object.entries(fields)) {
      const ftype = SCALARS.has(type) ? type : typeName(type);
      if (flags.includes("map")) t.add(new protobuf.MapField(field, id, "string", ftype));
      else t.add(new protobuf.Field(field, id, ftype, flags.includes("[]") ? "repeated" : "optional"));
    }
    r.add(t);
  }
  r.resolveAll();
  root = r;
  return r;
}

const toNumber = (v: unknown): number => (typeof v === "number" ? v : v && typeof (v as { toNumber?: () => number }).toNumber === "function" ? (v as { toNumber: () => number }).toNumber() : Number(v));
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function timeString(t: any): string | undefined {
  const seconds = toNumber(t?.seconds ?? 0);
  const nanos = toNumber(t?.nanos ?? 0);
  if (!seconds && !nanos) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Converts one field's decoded value; undefined means "leave the field out". */
function convertValue(type: string, v: any, flags: string[]): unknown {
  const keep = flags.includes("ptr") || flags.includes("keep");
  switch (type) {
    case "string":
      return v === "" && !keep ? undefined : v;
    case "bool":
      return v === false && !keep ? undefined : v;
    case "int32":
    case "int64": {
      const n = toNumber(v);
      return n === 0 && !keep ? undefined : n;
    }
    case "bytes":
      return Buffer.from(v as Uint8Array).toString("base64");
    case TIME:
      return timeString(v);
    case QUANTITY:
      return v?.string || undefined;
    case INT_OR_STRING: {
      if (toNumber(v?.type ?? 0) === 1) return v?.strVal ?? "";
      const n = toNumber(v?.intVal ?? 0);
      return n === 0 && !keep ? undefined : n;
    }
  }
  const out = convertMessage(type, v);
  return Object.keys(out).length === 0 && !keep ? undefined : out;
}

function convertMessage(name: string, m: any): Record<string, unknown> {
  const spec = messages[name];
  const out: Record<string, unknown> = {};
  if (!spec || !m) return out;
  for (const [field, [, type, ...flags]] of Object.entries(spec) as [string, FieldSpec][]) {
    if (!own(m, field)) continue;
    const v = m[field];
    if (flags.includes("map")) {
      const entries = Object.entries(v ?? {});
      if (!entries.length) continue;
      out[field] = Object.fromEntries(entries.map(([k, x]) => [k, type === "string" ? x : convertValue(type, x, ["keep"]) ?? (type === QUANTITY ? "" : {})]));
    } else if (flags.includes("[]")) {
      if (!Array.isArray(v) || !v.length) continue;
      out[field] = v.map((x) => (SCALARS.has(type) ? (type === "int64" || type === "int32" ? toNumber(x) : type === "bytes" ? Buffer.from(x).toString("base64") : x) : convertValue(type, x, ["keep"])));
    } else if (flags.includes("inline")) {
      Object.assign(out, convertMessage(type, v));
    } else {
      const c = convertValue(type, v, flags);
      if (c !== undefined) out[field] = c;
    }
  }
  return out;
}

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");

/**
 * Decodes a protobuf request body into the JSON-shaped object (with apiVersion and kind).
 * Throws ApiError 400 for bodies that are not Kubernetes protobuf, and for kinds this server
 * does not serve, in the API server's words.
 */
export function decodeProtobuf(body: Buffer, reg: KindRegistry): K8sObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(PROTOBUF_MAGIC))
    throw badRequest(`provided data does not appear to be a protobuf message, expected prefix [${[...PROTOBUF_MAGIC].join(" ")}]`);
  const r = protobufRoot();
  let envelope: any;
  try {
    envelope = r.lookupType(typeName("runtime.Unknown")).decode(body.subarray(4));
  } catch (e) {
    throw badRequest(`unable to decode the protobuf envelope: ${(e as Error).message}`);
  }
  const apiVersion: string = envelope.typeMeta?.apiVersion ?? "";
  const kind: string = envelope.typeMeta?.kind ?? "";
  if (!kind) throw badRequest("Object 'Kind' is missing in the protobuf body");
  const message = rootMessages[`${apiVersion}/${kind}`];
  if (!message || !reg.byKind(groupOf(apiVersion), kind))
    throw new ApiError(400, "BadRequest", `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  let decoded: any;
  try {
    decoded = r.lookupType(typeName(message)).decode(envelope.raw ?? new Uint8Array());
  } catch (e) {
    throw badRequest(`${kind} in version "${apiVersion.split("/").pop()}" cannot be handled as a ${kind}: ${(e as Error).message}`);
  }
  const obj = convertMessage(message, decoded) as Partial<K8sObject>;
  return { apiVersion, kind, ...obj, metadata: (obj.metadata as K8sObject["metadata"]) ?? {} };
}

/**
 * Encodes an object the way kubectl does (gogo: every non-pointer field written), for tests and
 * tools. Only the fields ./messages knows are written.
 */
export function encodeProtobuf(obj: K8sObject): Buffer {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const message = rootMessages[key];
  if (!message) throw new Error(`no protobuf message for ${key}`);
  const r = protobufRoot();
  const raw = r.lookupType(typeName(message)).encode(toMessage(message, obj)).finish();
  const env = r.lookupType(typeName("runtime.Unknown")).encode({
    typeMeta: { apiVersion: obj.apiVersion, kind: obj.kind },
    raw,
    contentEncoding: "",
    contentType: "",
  }).finish();
  return Buffer.concat([PROTOBUF_MAGIC, Buffer.from(env)]);
}

/** JSON shape → protobufjs message object, writing zero values for non-pointer scalars as gogo does. */
function toMessage(name: string, o: any): Record<string, unknown> {
  const spec = messages[name];
  const out: Record<string, unknown> = {};
  for (const [field, [, type, ...flags]] of Object.entries(spec) as [string, FieldSpec][]) {
    const src = flags.includes("inline") ? o : o?.[field];
    if (flags.includes("map")) {
      if (src) out[field] = Object.fromEntries(Object.entries(src).map(([k, v]) => [k, toValue(type, v)]));
    } else if (flags.includes("[]")) {
      if (Array.isArray(src)) out[field] = src.map((v) => toValue(type, v));
    } else if (flags.includes("inline")) out[field] = toMessage(type, o ?? {});
    else if (src !== undefined && src !== null) out[field] = toValue(type, src);
    else if (!flags.includes("ptr") && SCALARS.has(type)) out[field] = type === "string" ? "" : type === "bool" ? false : type === "bytes" ? new Uint8Array() : 0;
    else if (!flags.includes("ptr") && !flags.includes("keep") && !SCALARS.has(type) && type !== TIME) out[field] = toMessage(type, {});
    else if (type === TIME && !flags.includes("ptr")) out[field] = { seconds: 0, nanos: 0 };
  }
  return out;
}

function toValue(type: string, v: any): unknown {
  switch (type) {
    case "bytes":
      return Buffer.from(String(v), "base64");
    case TIME:
      return { seconds: Math.floor(Date.parse(v) / 1000), nanos: 0 };
    case QUANTITY:
      return { string: String(v) };
    case INT_OR_STRING:
      return typeof v === "number" ? { type: 0, intVal: v, strVal: "" } : { type: 1, intVal: 0, strVal: String(v) };
  }
  return SCALARS.has(type) ? v : toMessage(type, v ?? {});
}
