import { DrydockError } from "../../shared/errors";
import { MAX_ARGS_AND_ENV } from "../runtime/runtime";

// The daemon's refusals, each in the words and casing moby v27.5 uses at that call site (its
// daemon/, container/ and the API router), one function per thing said.

const short = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

// ---- finding things

export const noSuchContainer = (nameOrId: string) => new DrydockError("NotFound", `No such container: ${nameOrId}`);

export const ambiguousPrefix = (prefix: string) => new DrydockError("InvalidParameter", `multiple IDs found with provided prefix: ${prefix}`);

export const noSuchExec = (id: string) => new DrydockError("NotFound", `No such exec instance: ${id}`);

// ---- names

/** `name` without its slash, as the user gave it. */
export const invalidName = (name: string) => new DrydockError("InvalidParameter", `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);

/** `name` without its slash; Docker quotes it with one. */
export const nameInUse = (name: string, id: string) =>
  new DrydockError("Conflict", `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`);

// ---- create

export const emptyConfig = () => new DrydockError("InvalidParameter", "config cannot be empty in order to create a container");

export const noCommand = () => new DrydockError("InvalidParameter", "no command specified");

/** Drydock's own limit: the guest's agent takes requests of 256 KiB. */
export const argsTooLong = (bytes: number) =>
  new DrydockError("InvalidParameter", `the command and environment take ${bytes} bytes: Drydock passes at most ${MAX_ARGS_AND_ENV} bytes (${MAX_ARGS_AND_ENV / 1024} KiB) of them to a container's process`);

// ---- state

/** The container's lock-step "not running" (moby's errNotRunning and GetRunningTask). */
export const notRunning = (id: string) => new DrydockError("Conflict", `container ${id} is not running`);

/** The API router's words around a kill the daemon refused. */
export const cannotKill = (nameOrId: string, cause: DrydockError) => new DrydockError(cause.kind, `cannot kill container: ${nameOrId}: ${cause.message}`);

export const alreadyRunning = () => new DrydockError("NotModified", "container is already running");

export const alreadyStopped = () => new DrydockError("NotModified", "container is already stopped");

export const alreadyPaused = (id: string) => new DrydockError("Conflict", `Container ${id} is already paused`);

export const notPaused = (id: string) => new DrydockError("Conflict", `Container ${id} is not paused`);

export const markedForRemoval = () => new DrydockError("Conflict", "container is marked for removal and cannot be started");

export const removalInProgress = (id: string) => new DrydockError("Conflict", `removal of container ${id} is already in progress`);

/** `name` with its slash, as Docker quotes it. */
export const removeRunning = (name: string) =>
  new DrydockError("Conflict", `cannot remove container "${name}": container is running: stop the container before removing or force remove`);

/** A start the runtime refused, in containerd's and runc's words around the runtime's. */
export const startFailed = (exitCode: number, message: string) =>
  new DrydockError(
    exitCode === 127 || exitCode === 126 ? "InvalidParameter" : "Internal",
    `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${message}: unknown`,
  );

/** What a container that could not be made again after a daemon restart says in its Error. */
export const restoreFailed = (message: string) => `restoring the container: ${message}`;

// ---- exec

/** By the name or ID the user gave for create, by ID for start (as moby's two call sites). */
export const pausedBeforeExec = (nameOrId: string) => new DrydockError("Conflict", `Container ${nameOrId} is paused, unpause the container before exec`);

export const execAlreadyRan = (id: string) => new DrydockError("Conflict", `Error: Exec command ${id} has already run`);

export const execNotStarted = () => new DrydockError("Conflict", "exec process is not started");

/** Written on an exec's stream (not an error reply): its process never ran. */
export const execStartFailed = (message: string) => `OCI runtime exec failed: exec failed: unable to start container process: ${message}: unknown\r\n`;

// ---- images

export const imageInUseByRunning = (imageId: string, containerId: string) =>
  new DrydockError("Conflict", `conflict: unable to delete ${short(imageId)} (cannot be forced) - image is being used by running container ${short(containerId)}`);

export const imageInUseByStopped = (imageId: string, containerId: string) =>
  new DrydockError("Conflict", `conflict: unable to delete ${short(imageId)} (must be forced) - image is being used by stopped container ${short(containerId)}`);

export const referenceInUse = (reference: string, imageId: string, containerId: string) =>
  new DrydockError("Conflict", `conflict: unable to remove repository reference "${reference}" (must force) - container ${short(containerId)} is using its referenced image ${short(imageId)}`);

export const imageInManyRepositories = (imageId: string) =>
  new DrydockError("Conflict", `conflict: unable to delete ${short(imageId)} (must be forced) - image is referenced in multiple repositories`);

// ---- networks (moby's network router, daemon/network.go and libnetwork's errors)

export const noSuchNetwork = (nameOrId: string) => new DrydockError("NotFound", `network ${nameOrId} not found`);

export const ambiguousNetwork = (term: string, count: number, by: "name" | "ID prefix") =>
  new DrydockError("InvalidParameter", `network ${term} is ambiguous (${count} matches found based on ${by})`);

export const predefinedNetworkRemoval = (name: string) => new DrydockError("Forbidden", `${name} is a pre-defined network and cannot be removed`);

export const activeEndpoints = (name: string, id: string) => new DrydockError("Forbidden", `error while removing network: network ${name} id ${id} has active endpoints`);

/** Drydock's own: the guest's runtime cannot join a container to a network yet. */
