import type { Container } from "../container/container";
import { randomName } from "../container/names";
import { ambiguousPrefix, invalidName, nameInUse, noSuchContainer } from "./errors";

const NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * The containers the daemon holds, found as Docker finds them, and the names taken by creates
 * still on their way (between their check and their record).
 */
export class ContainerStore {
  private readonly byId = new Map<string, Container>();
  private readonly reserved = new Map<string, string>();

  add(container: Container): void {
    this.byId.set(container.id, container);
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): Container[] {
    return [...this.byId.values()];
  }

  /** By full ID, name (with or without the slash), or unique ID prefix. */
  get(nameOrId: string): Container {
    const exact = this.byId.get(nameOrId) ?? this.byName(nameOrId.replace(/^\//, ""));
    if (exact) return exact;
    const matches = /^[a-f0-9]+$/.test(nameOrId) ? this.list().filter((c) => c.id.startsWith(nameOrId)) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) throw ambiguousPrefix(nameOrId);
    throw noSuchContainer(nameOrId);
  }

  /** A name a create asked for (checked, without its slash), or a free random one. */
  nameFor(requested: string | undefined): string {
    if (requested === undefined) return randomName((name) => this.taken(name));
    return checkedName(requested);
  }

  /** Holds `name` for a create of `id` until `release`: Docker's conflict when it is taken. */
  reserve(name: string, id: string): void {
    this.assertFree(name);
    this.reserved.set(name, id);
  }

  release(name: string): void {
    this.reserved.delete(name);
  }

  /** Docker's conflict, also against a create of the same name still on its way. */
  assertFree(name: string): void {
    const holder = this.byName(name)?.id ?? this.reserved.get(name);
    if (holder !== undefined) throw nameInUse(name, holder);
  }

  taken(name: string): boolean {
    return this.reserved.has(name) || this.byName(name) !== undefined;
  }

  private byName(name: string): Container | undefined {
    return this.list().find((c) => c.name === `/${name}`);
  }
}

/** A name as given (with or without its slash) checked against Docker's pattern; without the slash. */
export function checkedName(name: string): string {
  if (!NAME.test(name)) throw invalidName(name);
  return name.replace(/^\//, "");
}
