// Writes public/images/manifest.json from the build's provenance tables (file, package, version,
// source package, licence; then, for the tools, package, version, source package, licence) and
// the files themselves (sha256, size).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { GUEST_FILES, type GuestFile, type ImageFileEntry, type ImageManifest, type ToolEntry } from "../src/shared/images";

const [provenancePath, outDir, curlProvenancePath] = process.argv.slice(2);
if (!provenancePath || !outDir) throw new Error("usage: write-manifest.ts PROVENANCE.tsv OUT_DIR [CURL-PROVENANCE.tsv]");

/** How to get a package's source: apt-get source, by the binary's version without its rebuild suffix. */
const sourceOf = (sourcePackage: string, version: string) => {
  const v = version.replace(/\+b\d+$/, "");
  return `Debian source package ${sourcePackage} ${v} (apt-get source ${sourcePackage}=${v})`;
};
const digestOf = (bytes: Uint8Array) => ({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
const digest = (file: string) => digestOf(readFileSync(join(outDir, file)));

const files = {} as Record<GuestFile, ImageFileEntry>;
for (const line of readFileSync(provenancePath, "utf8").trim().split("\n")) {
  const [file, pkg, version, sourcePackage, licence, includes] = line.split("\t") as [GuestFile, string, string, string, string, string?];
  if (!GUEST_FILES.includes(file)) throw new Error(`unexpected file in provenance: ${file}`);
  files[file] = { ...digest(file), package: pkg, version, licence, source: sourceOf(sourcePackage, version), ...(includes ? { includes } : {}) };
}
const tools: Record<string, ToolEntry> = {};
if (curlProvenancePath) {
  const packages = readFileSync(curlProvenancePath, "utf8").trim().split("\n").map((line) => {
    const [pkg, version, sourcePackage, licence] = line.split("\t") as [string, string, string, string];
    return { package: pkg, version, licence, source: sourceOf(sourcePackage, version) };
  });
  const file = "tools/curl.tar.gz";
  tools.curl = { file, ...digest(file), unpacked: digestOf(gunzipSync(readFileSync(join(outDir, file)))), packages };
}
const manifest: ImageManifest = { files, ...(curlProvenancePath ? { tools } : {}) };
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
