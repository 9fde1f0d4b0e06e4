import { DrydockError } from "../../../shared/errors";
import { goQuote } from "../../../shared/go-quote";
import { DEFAULT_CONTEXT } from "./resolve";

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** A name docker accepts for a context (use, create, update). */
export function checkContextName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new DrydockError("InvalidParameter", `context name ${goQuote(name)} is invalid, names are validated against regexp ${goQuote(NAME_PATTERN.source)}`);
  }
}

/** A name create and update take: a valid one, and never "default", which is no stored context. */
export function checkStoredName(name: string): void {
  if (name === DEFAULT_CONTEXT) throw new DrydockError("InvalidParameter", `${goQuote(DEFAULT_CONTEXT)} is a reserved context name`);
  checkContextName(name);
}
