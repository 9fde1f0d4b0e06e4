import { DrydockError } from "../../../shared/errors";
import type { BuildContext } from "../../builder/context";
import { contextSource, copyLayer, imageSource, LayerEntries, type CopySource } from "../../builder/copy";
import { chompHeredoc } from "../../builder/dockerfile/heredoc";
import type { CopyInstruction, Heredoc } from "../../builder/dockerfile/instructions";
import { lex } from "../../builder/dockerfile/shell";
import type { ImageFs, ImageFsReader } from "../../builder/image-fs";
import type { ImageRecord } from "../../image/image-store";
import { gunzipped, isGzip, once } from "../../layer/gunzip";
import { readTar } from "../../layer/tar-reader";
import type { TarWriteEntry } from "../../layer/tar-writer";
import { sha256Hex } from "../../../shared/sha256";
import type { StageState } from "./stage-state";

export interface CopyStep {
  entries: TarWriteEntry[];
  /** The classic builder's name for what was copied: file:<sum>, dir:<sum>, multi:<sum>. */
  summary: string;
  /** The destination as the history names it. */
  dest: string;
}

/**
 * COPY and ADD: their words expanded, the source chosen (the context, or --from a stage or an
 * image), --chown's names looked up in the image, and the layer's entries made. ADD unpacks a
 * local tar (gzip or not) into the destination; it fetches no URL (the guest has no network).
 */
export async function copyStep(
  files: ImageFsReader,
  context: BuildContext,
  state: StageState,
  instruction: CopyInstruction,
  fromImage: (from: string) => Promise<ImageRecord>,
): Promise<CopyStep> {
  const expand = state.expander();
  const heredocs = new Map(instruction.heredocs.map((h) => [h.name, h]));
  const words = instruction.sources.filter((word) => !heredocs.has(word));
  const sources = words.map((word) => expand.word(word));
  const dest = expand.word(instruction.dest);
  const parent = await files.open(state.image.layers.map((layer) => layer.digest));
  // A --chown that expands to nothing is none, as Docker reads it.
  const chownSpec = instruction.chown !== undefined ? expand.word(instruction.chown) : "";
  const chown = chownSpec !== "" ? await owner(chownSpec, parent) : undefined;
  const chmod = instruction.chmod !== undefined ? mode(expand.word(instruction.chmod)) : undefined;
  const workdir = state.image.config.config?.WorkingDir || "/";
  let source: CopySource;
  if (instruction.from !== undefined) {
    const from = expand.word(instruction.from);
    const image = await fromImage(from);
    source = imageSource(await files.open(image.layers.map((layer) => layer.digest)), from);
  } else {
    source = contextSource(context);
  }
  if (instruction.kind === "ADD") {
    const remote = sources.find((word) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^git@/.test(word));
    if (remote) throw new DrydockError("InvalidParameter", `ADD ${remote}: Drydock's builder cannot fetch a URL (the Docker host has no network); download it into the build context and COPY it`);
  }
  const inline = instruction.heredocs
    .filter((h) => instruction.sources.includes(h.name))
    .map((h) => ({ name: h.name, content: new TextEncoder().encode(heredocText(h, state)) }));
  const archives = instruction.kind === "ADD" && instruction.from === undefined ? await localArchives(sources, context) : new Map<string, Uint8Array>();
  const copied = await copyLayer(
    { kind: instruction.kind, sources: sources.filter((s) => !archives.has(s)), dest, workdir, chown, preserveOwners: instruction.from !== undefined, chmod, inline, others: archives.size },
    source,
    parent,
  );
  const entries = copied.entries;
  let checksum = copied.checksum;
  if (archives.size > 0) {
    await unpackInto(entries, archives, parent.resolvePath(dest.startsWith("/") ? dest : `${workdir}/${dest}`), parent, chown);
    // What an archive holds is part of what the step copies: a changed archive is a new step.
    checksum = await sha256Hex([checksum, ...(await Promise.all([...archives.values()].map((tar) => sha256Hex(tar))))].join("\n"));
  }
  return { entries, summary: `${copied.shape}:${checksum}`, dest: historyDest(dest, workdir) };
}

/** The destination as the classic builder writes it in the history: absolute, cleaned, its trailing "/" kept. */
function historyDest(dest: string, workdir: string): string {
  const absolute = dest.startsWith("/") ? dest : `${workdir}/${dest}`;
  const clean = `/${absolute.split("/").filter((part) => part && part !== ".").join("/")}`;
  return /\/\.?$/.test(dest) && clean !== "/" ? `${clean}/` : clean;
}

/** A heredoc's body as COPY writes it: tabs stripped for `<<-`, variables expanded unless its name was quoted. */
function heredocText(heredoc: Heredoc, state: StageState): string {
  const content = heredoc.chomp ? chompHeredoc(heredoc.content) : heredoc.content;
  return heredoc.expand ? lex(content, state.lookup(), { escape: state.escape, rawQuotes: true, rawEscapes: true }).result : content;
}

/** --chown=user[:group], by number or by the image's /etc/passwd and /etc/group. */
async function owner(spec: string, image: ImageFs): Promise<{ uid: number; gid: number }> {
  const [user = "", group] = spec.split(":");
  const passwd = /^\d+$/.test(user) ? undefined : await image.text("/etc/passwd");
  const uidEntry = passwd?.split("\n").map((line) => line.split(":")).find((fields) => fields[0] === user);
  if (!/^\d+$/.test(user) && !uidEntry) throw new DrydockError("InvalidParameter", `unable to convert uid/gid chown string to host mapping: can't find uid for user ${user}: no such user: ${user}`);
  const uid = uidEntry ? Number(uidEntry[2]) : Number(user);
  if (group === undefined) return { uid, gid: uidEntry ? Number(uidEntry[3]) : uid };
  if (/^\d+$/.test(group)) return { uid, gid: Number(group) };
  const groups = await image.text("/etc/group");
  const gidEntry = groups?.split("\n").map((line) => line.split(":")).find((fields) => fields[0] === group);
  if (!gidEntry) throw new DrydockError("InvalidParameter", `unable to convert uid/gid chown string to host mapping: can't find gid for group ${group}: no such group: ${group}`);
  return { uid, gid: Number(gidEntry[2]) };
}

function mode(text: string): number {
  if (!/^[0-7]{1,4}$/.test(text)) throw new DrydockError("InvalidParameter", `invalid chmod parameter: ${text}`);
  return parseInt(text, 8);
}

/** ADD's sources that are tar archives in the context, by source word. */
async function localArchives(sources: readonly string[], context: BuildContext): Promise<Map<string, Uint8Array>> {
  const archives = new Map<string, Uint8Array>();
  for (const word of sources) {
    const entry = context.get(word);
    if (entry?.type !== "file") continue;
    const tar = isGzip(entry.body) ? await gunzipped(entry.body).catch(() => undefined) : entry.body;
    if (tar && isTar(tar)) archives.set(word, tar);
  }
  return archives;
}

function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && new TextDecoder().decode(bytes.subarray(257, 262)) === "ustar";
}

/** An archive's entries under the destination (resolved in the image), with their owners unless --chown, as Docker unpacks them. */
async function unpackInto(entries: TarWriteEntry[], archives: Map<string, Uint8Array>, base: string, parent: ImageFs, chown: { uid: number; gid: number } | undefined): Promise<void> {
  const layer = new LayerEntries(parent);
  for (const tar of archives.values()) {
    // A hard link in the archive becomes a copy of the file it names, met earlier in it.
    const bodies = new Map<string, Uint8Array>();
    for await (const entry of readTar(once(tar))) {
      const name = entry.name.split("/").filter((part) => part && part !== ".");
      if (name.includes("..")) throw new DrydockError("InvalidParameter", `ADD: the archive has an entry outside of it: ${JSON.stringify(entry.name)}`);
      const path = [base, ...name].filter(Boolean).join("/");
      const attributes = { mode: entry.mode, ...(chown ?? { uid: entry.uid, gid: entry.gid }), mtime: entry.mtime };
      if (entry.type === "directory") layer.directory(path, attributes);
      else if (entry.type === "symlink") layer.symlink(path, entry.linkname, attributes);
      else if (entry.type === "file") layer.file(path, entry.body, attributes);
      else if (entry.type === "hardlink") layer.file(path, bodies.get(entry.linkname.split("/").filter((part) => part && part !== ".").join("/")) ?? new Uint8Array(0), attributes);
      else throw new DrydockError("NotImplemented", `ADD: Drydock does not unpack ${entry.type} entries (${entry.name}) from an archive`);
      if (entry.type === "file") bodies.set(name.join("/"), entry.body);
    }
  }
  entries.push(...layer.entries.filter((e) => !entries.some((before) => before.name === e.name)));
}
