// Endpoints (core/v1): the ready and not-ready addresses behind a Service, per port set, as the
// endpoints controller writes them. printEndpoints lists up to three ready ip:port pairs.
import type { FieldError } from "../errors";
import type { K8sObject } from "../types";
import { STANDARD_VERBS, ageColumn, col, defineKind, nameColumn, prepareUpdateCommon } from "./common";
import { age } from "./format";
import { metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { OBJECT_REFERENCE, objectReferenceSchemas } from "./objectref";
import { CORE } from "./podspec";
import { atomic, enumStr, int32, obj, ref, refList, str } from "./schema";
import { invalidValue, isPort, notSupported, portNumberMsg, required } from "./validation";

const EP = `${CORE}.Endpoints`;

/** formatEndpoints: "10.244.1.5:80,10.244.2.7:80 + 1 more...", or "<none>". */
export function formatEndpoints(ep: K8sObject): string {
  const subsets: any[] = ep.subsets ?? [];
  if (!subsets.length) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const hostPort = (ip: string, port: number) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? [];
    const ports: any[] = ss.ports ?? [];
    if (!ports.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(hostPort(a.ip, p.port));
      }
    }
  }
  const ret = list.join(",");
  if (more) return `${ret} + ${count - max} more...`;
  return ret || "<none>";
}

function validateEndpoints(o: K8sObject): FieldError[] {
  const errs = validateObjectMeta(o, true);
  (o.subsets ?? []).forEach((ss: any, i: number) => {
    for (const list of ["addresses", "notReadyAddresses"]) {
      (ss?.[list] ?? []).forEach((a: any, j: number) => {
        if (!a?.ip) errs.push(required(`subsets[${i}].${list}[${j}].ip`));
      });
    }
    (ss?.ports ?? []).forEach((p: any, j: number) => {
      if (!isPort(p?.port)) errs.push(invalidValue(`subsets[${i}].ports[${j}].port`, p?.port ?? 0, portNumberMsg));
      if (p?.protocol !== undefined && !["SCTP", "TCP", "UDP"].includes(p.protocol)) errs.push(notSupported(`subsets[${i}].ports[${j}].protocol`, p.protocol, ["SCTP", "TCP", "UDP"]));
    });
  });
  return errs;
}

export const endpoints = defineKind({
  group: "",
  version: "v1",
  kind: "Endpoints",
  plural: "endpoints",
  singular: "endpoints",
  namespaced: true,
  shortNames: ["ep"],
  verbs: STANDARD_VERBS,
  rootSchema: EP,
  library: {
    ...metaSchemas,
    ...objectReferenceSchemas,
    [`${CORE}.EndpointAddress`]: obj(
      "One endpoint address.",
      {
        hostname: str("Hostname of the endpoint."),
        ip: str("IP address of the endpoint."),
        nodeName: str("Node hosting the endpoint."),
        targetRef: ref(OBJECT_REFERENCE, "The pod behind the address."),
      },
      ["ip"],
      { "x-kubernetes-map-type": "atomic" },
    ),
    [`${CORE}.EndpointPort`]: obj(
      "One port of the endpoints.",
      {
        appProtocol: str("Application protocol of the port."),
        name: str("Name of the port; matches the Service port's name."),
        port: int32("Port number."),
        protocol: enumStr("TCP, UDP or SCTP.", ["SCTP", "TCP", "UDP"]),
      },
      ["port"],
      { "x-kubernetes-map-type": "atomic" },
    ),
    [`${CORE}.EndpointSubset`]: obj("Addresses that all share the same ports.", {
      addresses: refList(`${CORE}.EndpointAddress`, "Addresses ready to receive traffic.", atomic),
      notReadyAddresses: refList(`${CORE}.EndpointAddress`, "Addresses not ready yet (failing readiness or starting).", atomic),
      ports: refList(`${CORE}.EndpointPort`, "Ports available on every address.", atomic),
    }),
    [EP]: obj("The network endpoints of a Service, kept up to date by the endpoints controller from the pods its selector matches.", {
      ...typeMetaProps(),
      subsets: refList(`${CORE}.EndpointSubset`, "Groups of addresses and the ports they serve.", atomic),
    }),
  },
  columns: [nameColumn, col("Endpoints", "Ready endpoint addresses with their ports."), ageColumn],
  row: (o: K8sObject, now: Date) => [o.metadata.name, formatEndpoints(o), age(o, now)],
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate: validateEndpoints,
});
