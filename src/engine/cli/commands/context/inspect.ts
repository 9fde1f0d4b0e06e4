import { errorKind, errorMessage } from "../../../../shared/errors";
import type { CommandContext, Verb } from "../../command";
import type { ContextMeta } from "../../context/context-store";
import { DEFAULT_CONTEXT } from "../../context/resolve";
import { StatusError } from "../../errors";
import { goJson } from "../../format/go-json";
import { goType } from "../../format/go-template";
import { compile } from "../../format/render";
import { INSPECT_FORMAT_FLAG } from "../format-flag";

export const inspect: Verb = {
  name: "inspect",
  usage: "[OPTIONS] [CONTEXT] [CONTEXT...]",
  short: "Display detailed information on one or more contexts",
  args: {},
  local: true,
  flags: [INSPECT_FORMAT_FLAG],
  async run(context, args, flags) {
    const names = args.length > 0 ? args : [context.contexts.current];
    const format = flags.string("format");
    let template;
    if (format && format !== "json") {
      try {
        template = compile(format);
      } catch (error) {
        throw new StatusError(64, errorMessage(error));
      }
    }
    const found: object[] = [];
    const errors: string[] = [];
    let text = "";
    for (const name of names) {
      let listing;
      try {
        listing = await listingOf(context, await context.contexts.lookup(name));
      } catch (error) {
        errors.push(errorMessage(error));
        continue;
      }
      found.push(listing);
      if (!template) continue;
      try {
        text += template.execute(listing) + "\n";
      } catch (error) {
        errors.push(`template parsing error: ${errorMessage(error)}`);
      }
    }
    if (!format) text = goJson(found, "    ") + "\n";
    else if (format === "json") text = goJson(found) + "\n";
    // Docker's template inspector ends with a newline even when nothing came out.
    await context.out(text || "\n");
    if (errors.length > 0) throw new StatusError(1, errors.join("\n"));
    return 0;
  },
};

/**
 * A context as `docker context inspect` shows it: its metadata (a Go struct embedded, so .Name
 * and .Endpoints are there as well as .Metadata) with its TLS files and where it is stored.
 */
async function listingOf({ contexts, io }: CommandContext, context: ContextMeta): Promise<object> {
  const stored = context.Name !== DEFAULT_CONTEXT;
  const storage = {
    MetadataPath: stored ? await contexts.store.metaDir(context.Name) : "<IN MEMORY>",
    TLSPath: stored ? await contexts.store.tlsDir(context.Name) : "<IN MEMORY>",
    [goType]: "store.StorageInfo",
  };
  const tlsMaterial: Record<string, string[]> = {};
  if (stored) {
    for (const endpoint of (await listOrNothing(io, storage.TLSPath)).sort()) tlsMaterial[endpoint] = (await listOrNothing(io, `${storage.TLSPath}/${endpoint}`)).sort();
  }
  const { Description, ...additional } = context.Metadata;
  // Go names what an interface{} field holds by the field's type.
  const dockerContext = { Description: Description ?? "", AdditionalFields: additional, [goType]: "interface {}", toJSON: () => context.Metadata };
  const endpoints = Object.fromEntries(Object.entries(context.Endpoints).map(([name, endpoint]) => [name, name === "docker" ? dockerEndpoint(endpoint as ContextMeta["Endpoints"]["docker"]) : endpoint]));
  const metadata = { Name: context.Name, Metadata: dockerContext, Endpoints: endpoints, [goType]: "store.Metadata" };
  const listing = { Metadata: metadata, TLSMaterial: tlsMaterial, Storage: storage, [goType]: "context.contextWithTLSListing" };
  // The embedded struct's fields, promoted: readable, but printed and marshalled as Go does.
  Object.defineProperties(listing, {
    Name: { value: context.Name },
    Endpoints: { value: endpoints },
    toJSON: { value: () => ({ Name: context.Name, Metadata: dockerContext, Endpoints: endpoints, TLSMaterial: tlsMaterial, Storage: storage }) },
  });
  return listing;
}

function dockerEndpoint(endpoint: ContextMeta["Endpoints"]["docker"]): object {
  const { Host = "", SkipTLSVerify = false } = endpoint ?? {};
  return { Host, SkipTLSVerify, [goType]: "docker.EndpointMeta", toJSON: () => endpoint };
}

async function listOrNothing(io: CommandContext["io"], path: string): Promise<string[]> {
  try {
    return await io.readDir(path);
  } catch (error) {
    if (errorKind(error) === "NotFound") return [];
    throw error;
  }
}
