// EndpointSlice (discovery.k8s.io/v1): the scalable successor of Endpoints that kube-proxy and
// `kubectl describe svc` read. Validation of addressType and addresses, and printEndpointSlice
// (AddressType, Ports, Endpoints).
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareCreateCommon, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { OBJECT_REFERENCE, objectReferenceSchemas } from "./objectref";
import { atomic, bool, enumStr, int32, obj, ref, refList, str, strList, strMap, set } from "./schema";
import { invalidValue, isPort, notSupported, portNumberMsg, required } from "./validation";

const DISC = "io.k8s.api.discovery.v1";
const ES = `${DISC}.EndpointSlice`;
const ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"];

function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(",");
  if (more) return `${ret} + ${count - max} more...`;
  return ret || "<unset>";
}

/** formatDiscoveryPorts: port numbers (or names, or "*"), at most three. */
export function formatDiscoveryPorts(ports: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < 3) list.push(p?.port !== undefined && p?.port !== null ? String(p.port) : p?.name ?? "*");
    else if (list.length === 3) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, 3);
}

/** formatDiscoveryEndpoints: addresses of every endpoint (ready or not), at most three. */
export function formatDiscoveryEndpoints(eps: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of eps ?? []) {
    for (const a of e?.addresses ?? []) {
      if (list.length < 3) list.push(a);
      else if (list.length === 3) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, 3);
}

function validateEndpointSlice(o: K8sObject, old?: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  if (!o.addressType) errs.push(required("addressType"));
  else if (!ADDRESS_TYPES.includes(o.addressType)) errs.push(notSupported("addressType", o.addressType, ADDRESS_TYPES));
  if (old && old.addressType !== o.addressType) errs.push(invalidValue("addressType", o.addressType ?? "", "field is immutable"));
  (o.endpoints ?? []).forEach((e: any, i: number) => {
    const addrs: any[] = e?.addresses ?? [];
    if (addrs.length < 1) errs.push(required(`endpoints[${i}].addresses`, "must contain at least 1 address"));
    else if (addrs.length > 100) errs.push({ type: "FieldValueTooMany", field: `endpoints[${i}].addresses`, message: `Too many: ${addrs.length}: must have at most 100 items` });
  });
  (o.ports ?? []).forEach((p: any, i: number) => {
    if (p?.port !== undefined && p?.port !== null && !isPort(p.port)) errs.push(invalidValue(`ports[${i}].port`, p.port, portNumberMsg));
    if (p?.protocol !== undefined && !["SCTP", "TCP", "UDP"].includes(p.protocol)) errs.push(notSupported(`ports[${i}].protocol`, p.protocol, ["SCTP", "TCP", "UDP"]));
  });
  return errs;
}

export const endpointslice = defineKind({
  group: "discovery.k8s.io",
  version: "v1",
  kind: "EndpointSlice",
  plural: "endpointslices",
  singular: "endpointslice",
  namespaced: true,
  verbs: STANDARD_VERBS,
  rootSchema: ES,
  library: {
    ...metaSchemas,
    ...objectReferenceSchemas,
    [`${DISC}.EndpointConditions`]: obj("Current state of an endpoint.", {
      ready: bool("The endpoint can take new connections (serving and not terminating)."),
      serving: bool("The endpoint passes its readiness checks, even while terminating."),
      terminating: bool("The endpoint's pod is shutting down."),
    }),
    [`${DISC}.ForZone`]: obj("A zone that should use an endpoint.", { name: str("Zone name.") }, ["name"]),
    [`${DISC}.ForNode`]: obj("A node that should use an endpoint.", { name: str("Node name.") }, ["name"]),
    [`${DISC}.EndpointHints`]: obj("Routing hints for an endpoint.", {
      forNodes: refList(`${DISC}.ForNode`, "Nodes that should use the endpoint.", atomic),
      forZones: refList(`${DISC}.ForZone`, "Zones that should use the endpoint.", atomic),
    }),
    [`${DISC}.Endpoint`]: obj(
      "One backend of the Service, usually a pod.",
      {
        addresses: strList("Addresses of the endpoint (one, for IPv4/IPv6 slices).", set),
        conditions: ref(`${DISC}.EndpointConditions`, "Readiness state."),
        deprecatedTopology: strMap("Deprecated topology labels."),
        hints: ref(`${DISC}.EndpointHints`, "Routing hints."),
        hostname: str("Hostname of the endpoint."),
        nodeName: str("Node hosting the endpoint."),
        targetRef: ref(OBJECT_REFERENCE, "The pod behind the endpoint."),
        zone: str("Zone of the endpoint."),
      },
      ["addresses"],
    ),
    [`${DISC}.EndpointPort`]: obj(
      "A port every endpoint of the slice serves.",
      {
        appProtocol: str("Application protocol of the port."),
        name: str("Name of the port; matches the Service port's name."),
        port: int32("Port number; unset means every port."),
        protocol: enumStr("TCP, UDP or SCTP.", ["SCTP", "TCP", "UDP"]),
      },
      undefined,
      { "x-kubernetes-map-type": "atomic" },
    ),
    [ES]: obj("A slice of a Service's endpoints: up to 100 addresses of one address type, and their ports.", {
      ...typeMetaProps(),
      addressType: enumStr("Kind of the addresses: IPv4, IPv6 or FQDN. Cannot change.", ADDRESS_TYPES),
      endpoints: refList(`${DISC}.Endpoint`, "The endpoints (at most 1000).", atomic),
      ports: refList(`${DISC}.EndpointPort`, "Ports served by every endpoint.", atomic),
    }, ["addressType", "endpoints"]),
  },
  columns: [
    nameColumn,
    col("AddressType", "Type of the addresses."),
    col("Ports", "Ports of the slice."),
    col("Endpoints", "Addresses of the endpoints."),
    ageColumn,
  ],
  row: (o: K8sObject, now: Date) => [o.metadata.name, o.addressType ?? "", formatDiscoveryPorts(o.ports), formatDiscoveryEndpoints(o.endpoints), age(o, now)],
  prepareForCreate(o: K8sObject) {
    prepareCreateCommon(o, { generation: true });
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, { generation: true, generationFields: ["addressType", "endpoints", "ports"] }, subresource);
  },
  validate: validateEndpointSlice,
});
