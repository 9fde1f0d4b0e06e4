// Writes public/images/manifest.json from the build's provenance table (file, package, version,
// source package, licence) and the files themselves (sha256, size).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GUEST_FILES, type GuestFile, type ImageFileEntry, type ImageManifest } from "../src/shared/images";

const [provenancePath, outDir] = process.argv.slice(2);
if (!provenancePath || !outDir) throw new Error("usage: write-manifest.ts PROVENANCE.tsv OUT_DIR");

const files = {} as Record<GuestFile, ImageFileEntry>;
for (const line of readFileSync(provenancePath, "utf8").trim().split("\n")) {
  const [file, pkg, version, sourcePackage, licence, includes] = line.split("\t") as [GuestFile, string, string, string, string, string?];
  if (!GUEST_FILES.includes(file)) throw new Error(`unexpected file in provenance: ${file}`);
  const bytes = readFileSync(join(outDir, file));
  files[file] = {
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
    package: pkg,
    version,
    licence,
    source: `Debian source package ${sourcePackage} ${version.replace(/\+b\d+$/, "")} (apt-get source ${sourcePackage}=${version.replace(/\+b\d+$/, "")})`,
    ...(includes ? { includes } : {}),
  };
}
const manifest: ImageManifest = { files };
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
