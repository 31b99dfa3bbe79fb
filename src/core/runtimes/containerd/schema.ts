/**
 * The slice of containerd's gRPC API this extension reads, written down here as protobuf text so
 * nothing is read from disk at run time (the text is bundled with the code and parsed once).
 *
 * Only read-only methods are declared (List, Get, Subscribe, Version) and each message carries only
 * the fields we use; protobuf skips fields it does not know, so the real, larger messages decode
 * fine. Field numbers were checked against containerd's own api/*.proto (1.6 – 2.x):
 * services/namespaces/v1/namespace.proto, services/containers/v1/containers.proto,
 * services/tasks/v1/tasks.proto with types/task/task.proto, services/events/v1/events.proto,
 * services/version/v1/version.proto, and events/{task,container}.proto for event payloads.
 */
import * as protobuf from 'protobufjs';

export const CONTAINERD_SCHEMA = `
syntax = "proto3";

package anatomy.containerd;

// google.protobuf.Any, Timestamp and Empty, restated: the wire format is all that matters.
message Any {
  string type_url = 1;
  bytes value = 2;
}

message Timestamp {
  int64 seconds = 1;
  int32 nanos = 2;
}

message Empty {}

// containerd.services.namespaces.v1
message Namespace {
  string name = 1;
  map<string, string> labels = 2;
}
message ListNamespacesRequest {
  string filter = 1;
}
message ListNamespacesResponse {
  repeated Namespace namespaces = 1;
}

// containerd.services.containers.v1
message ContainerRuntime {
  string name = 1;
}
message Container {
  string id = 1;
  map<string, string> labels = 2;
  string image = 3;
  ContainerRuntime runtime = 4;
  Any spec = 5;
  string snapshotter = 6;
  Timestamp created_at = 8;
  Timestamp updated_at = 9;
  string sandbox = 11;
}
message GetContainerRequest {
  string id = 1;
}
message GetContainerResponse {
  Container container = 1;
}
message ListContainersRequest {
  repeated string filters = 1;
}
message ListContainersResponse {
  repeated Container containers = 1;
}

// containerd.services.tasks.v1, with the process record of containerd.v1.types
enum TaskStatus {
  UNKNOWN = 0;
  CREATED = 1;
  RUNNING = 2;
  STOPPED = 3;
  PAUSED = 4;
  PAUSING = 5;
}
message Process {
  string container_id = 1;
  string id = 2;
  uint32 pid = 3;
  TaskStatus status = 4;
  uint32 exit_status = 9;
  Timestamp exited_at = 10;
}
message GetTaskRequest {
  string container_id = 1;
  string exec_id = 2;
}
message GetTaskResponse {
  Process process = 1;
}
message ListTasksRequest {
  string filter = 1;
}
message ListTasksResponse {
  repeated Process tasks = 1;
}

// containerd.services.events.v1
message SubscribeRequest {
  repeated string filters = 1;
}
message Envelope {
  Timestamp timestamp = 1;
  string namespace = 2;
  string topic = 3;
  Any event = 4;
}

// containerd.services.version.v1
message VersionResponse {
  string version = 1;
  string revision = 2;
}

// Every task and container event of containerd.events carries the container id as field 1
// (TaskStart.container_id, TaskExit.container_id, ContainerCreate.id, ContainerDelete.id, …).
message EventSubject {
  string id = 1;
}
`;

/** The methods called, by their full gRPC path. Nothing here can change the engine. */
export const METHODS = {
  listNamespaces: '/containerd.services.namespaces.v1.Namespaces/List',
  listContainers: '/containerd.services.containers.v1.Containers/List',
  getContainer: '/containerd.services.containers.v1.Containers/Get',
  listTasks: '/containerd.services.tasks.v1.Tasks/List',
  getTask: '/containerd.services.tasks.v1.Tasks/Get',
  subscribe: '/containerd.services.events.v1.Events/Subscribe',
  version: '/containerd.services.version.v1.Version/Version',
} as const;

export type MethodPath = (typeof METHODS)[keyof typeof METHODS];

let root: protobuf.Root | undefined;

/** Parses the schema once, on first use. */
export function schemaType(name: string): protobuf.Type {
  root ??= protobuf.parse(CONTAINERD_SCHEMA, { keepCase: true }).root;
  return root.lookupType(`anatomy.containerd.${name}`);
}

// ---------------------------------------------------------------------------------------------
// Decoded shapes (what toObject yields with the options below).

export interface PbAny {
  type_url?: string;
  value?: Uint8Array;
}
export interface PbTimestamp {
  seconds?: number;
  nanos?: number;
}
export interface PbNamespace {
  name?: string;
  labels?: Record<string, string>;
}
export interface PbContainer {
  id?: string;
  labels?: Record<string, string>;
  image?: string;
  runtime?: { name?: string };
  spec?: PbAny;
  snapshotter?: string;
  created_at?: PbTimestamp;
  updated_at?: PbTimestamp;
  sandbox?: string;
}
export interface PbProcess {
  container_id?: string;
  id?: string;
  pid?: number;
  status?: number;
  exit_status?: number;
  exited_at?: PbTimestamp;
}
export interface PbEnvelope {
  timestamp?: PbTimestamp;
  namespace?: string;
  topic?: string;
  event?: PbAny;
}
export interface PbVersion {
  version?: string;
  revision?: string;
}

/** Encodes a request message; the request shapes are ours, so this cannot meet bad input. */
export function encodeMessage(typeName: string, value: Record<string, unknown>): Buffer {
  const type = schemaType(typeName);
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

/**
 * Decodes a response message into plain data. Throws on bytes that are not this message (grpc-js
 * turns a throwing deserializer into an INTERNAL status, which the client reports as garbage).
 */
export function decodeMessage<T>(typeName: string, bytes: Buffer): T {
  const type = schemaType(typeName);
  const message = type.decode(bytes);
  return type.toObject(message, { longs: Number, enums: Number, defaults: false, arrays: true, objects: true }) as T;
}
