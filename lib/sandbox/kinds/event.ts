// Event (core/v1): what the scheduler, kubelet and controllers report about objects.
// printEvent's cells (Last Seen, Type, Reason, Object, Subobject, Source, Message, First Seen,
// Count, Name) as the server computes them with wide output.
import type { K8sObject } from "../types";
import { STANDARD_VERBS, col, defineKind, prepareUpdateCommon } from "./common";
import { since } from "./format";
import { MICRO_TIME, TIME, metaSchemas, typeMetaProps, validateObjectMeta } from "./meta";
import { OBJECT_REFERENCE, objectReferenceSchemas } from "./objectref";
import { CORE } from "./podspec";
import { int32, obj, ref, str } from "./schema";
import { required } from "./validation";

const EV = `${CORE}.Event`;

function eventSource(o: K8sObject): string {
  const component = o.source?.component || o.reportingComponent || "";
  const instance = o.source?.host || o.reportingInstance || "";
  if (!component && !instance) return "";
  return instance ? `${component}, ${instance}` : component;
}

export function eventRow(o: K8sObject, now: Date): unknown[] {
  let first = since(o.firstTimestamp, now);
  if (!o.firstTimestamp) first = since(o.eventTime, now);
  let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
  let count = o.count ?? 0;
  if (o.series) {
    last = since(o.series.lastObservedTime, now);
    count = o.series.count ?? 0;
  } else if (!count) count = 1;
  const io = o.involvedObject ?? {};
  const target = io.name ? `${String(io.kind ?? "").toLowerCase()}/${io.name}` : String(io.kind ?? "").toLowerCase();
  return [last, o.type ?? "", o.reason ?? "", target, io.fieldPath ?? "", eventSource(o), String(o.message ?? "").trim(), first, count, o.metadata.name];
}

export const event = defineKind({
  group: "",
  version: "v1",
  kind: "Event",
  plural: "events",
  singular: "event",
  namespaced: true,
  shortNames: ["ev"],
  verbs: STANDARD_VERBS,
  rootSchema: EV,
  library: {
    ...metaSchemas,
    ...objectReferenceSchemas,
    [`${CORE}.EventSource`]: obj("The component (and host) that reported an event.", { component: str("Reporting component."), host: str("Node the event came from.") }),
    [`${CORE}.EventSeries`]: obj("A run of repeated occurrences of an event.", {
      count: int32("Occurrences so far."),
      lastObservedTime: ref(MICRO_TIME, "When the last occurrence was seen."),
    }),
    [EV]: obj(
      "A report of something that happened to an object: a pod scheduled, an image pulled, a probe failing...",
      {
        ...typeMetaProps(),
        action: str("What was done (or failed) about the object."),
        count: int32("How many times the event happened."),
        eventTime: ref(MICRO_TIME, "When the event first happened, with microseconds."),
        firstTimestamp: ref(TIME, "When the event was first recorded."),
        involvedObject: ref(OBJECT_REFERENCE, "The object the event is about."),
        lastTimestamp: ref(TIME, "When the event was most recently recorded."),
        message: str("Human-readable description."),
        reason: str("Short CamelCase reason, e.g. Scheduled, Pulled, BackOff."),
        related: ref(OBJECT_REFERENCE, "A second object involved, if any."),
        reportingComponent: str("Controller that emitted the event, e.g. kubelet."),
        reportingInstance: str("Instance of that controller, e.g. the node name."),
        series: ref(`${CORE}.EventSeries`, "Data about a series of repeated events."),
        source: ref(`${CORE}.EventSource`, "The component reporting the event."),
        type: str("Normal or Warning."),
      },
      ["metadata", "involvedObject"],
    ),
  },
  columns: [
    col("Last Seen", "Time since the event was last seen."),
    col("Type", "Normal or Warning."),
    col("Reason", "Short reason for the event."),
    col("Object", "The object the event is about."),
    col("Subobject", "Field of the object, e.g. a container.", 1),
    col("Source", "Component that reported the event.", 1),
    col("Message", "Description of the event."),
    col("First Seen", "Time since the event was first seen.", 1),
    col("Count", "Times the event happened.", 1),
    { ...col("Name", "Name of the event object.", 1), format: "name" },
  ],
  row: eventRow,
  prepareForCreate(o: K8sObject) {
    delete o.metadata.generation;
  },
  prepareForUpdate(o: K8sObject, old: K8sObject, _s, { subresource }) {
    prepareUpdateCommon(o, old, {}, subresource);
  },
  validate(o: K8sObject) {
    const errs = validateObjectMeta(o, true);
    if (!o.involvedObject) errs.push(required("involvedObject"));
    if (o.type !== undefined && o.type !== "Normal" && o.type !== "Warning")
      errs.push({ type: "FieldValueNotSupported", field: "type", message: `Unsupported value: ${JSON.stringify(o.type)}: supported values: "Normal", "Warning"` });
    return errs;
  },
});
