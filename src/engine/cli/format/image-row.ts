import type { ImageSummary } from "../../../shared/engine-api/images";
import { humanSizeWithPrecision } from "../../../shared/human-size";
import { ago, goTime, shortId, withJson } from "./text";

export const IMAGE_HEADERS: Record<string, string> = {
  Repository: "REPOSITORY",
  Tag: "TAG",
  Digest: "DIGEST",
  ID: "IMAGE ID",
  CreatedSince: "CREATED",
  CreatedAt: "CREATED AT",
  Size: "SIZE",
  Containers: "CONTAINERS",
  VirtualSize: "VIRTUAL SIZE",
  SharedSize: "SHARED SIZE",
  UniqueSize: "UNIQUE SIZE",
};

export function imageTable(digests: boolean): string {
  return `table {{.Repository}}\t{{.Tag}}\t${digests ? "{{.Digest}}\t" : ""}{{.ID}}\t{{.CreatedSince}}\t{{.Size}}`;
}

/**
 * The rows of `docker images` for one image: one per tag (and, with --digests, per digest of
 * the repository), "<none>" where it has none, as docker/cli's image formatter expands them.
 */
export function imageRows(image: ImageSummary, options: { trunc: boolean; digests: boolean; now: number }): object[] {
  const tags = image.RepoTags ?? [];
  const repoDigests = image.RepoDigests ?? [];
  const byRepo = new Map<string, { tags: string[]; digests: string[] }>();
  const entry = (repo: string) => byRepo.get(repo) ?? byRepo.set(repo, { tags: [], digests: [] }).get(repo)!;
  for (const tag of tags) {
    const at = tag.lastIndexOf(":");
    entry(tag.slice(0, at)).tags.push(tag.slice(at + 1));
  }
  for (const digest of repoDigests) {
    const at = digest.indexOf("@");
    entry(digest.slice(0, at)).digests.push(digest.slice(at + 1));
  }
  const rows: object[] = [];
  const add = (repository: string, tag: string, digest: string) => rows.push(imageRow(image, repository, tag, digest, options));
  for (const [repo, { tags: repoTags, digests }] of byRepo) {
    if (repoTags.length === 0) {
      // A repository known only by digest: a row per digest when they are shown, else one.
      for (const digest of options.digests && digests.length ? digests : ["<none>"]) add(repo, "<none>", digest);
      continue;
    }
    for (const tag of repoTags) {
      if (options.digests && digests.length > 0) for (const digest of digests) add(repo, tag, digest);
      else add(repo, tag, digests[0] ?? "<none>");
    }
  }
  if (rows.length === 0) add("<none>", "<none>", "<none>");
  return rows;
}

function imageRow(image: ImageSummary, repository: string, tag: string, digest: string, options: { trunc: boolean; now: number }): object {
  const size = humanSizeWithPrecision(image.Size, 3);
  const row = {
    Repository: repository,
    Tag: tag,
    Digest: digest,
    ID: options.trunc ? shortId(image.Id) : image.Id,
    CreatedSince: image.Created > 0 ? ago(image.Created * 1000, options.now) : "N/A",
    CreatedAt: goTime(image.Created * 1000),
    Size: size,
    Containers: image.Containers === undefined || image.Containers < 0 ? "N/A" : String(image.Containers),
    VirtualSize: size,
    SharedSize: image.SharedSize === undefined || image.SharedSize < 0 ? "N/A" : humanSizeWithPrecision(image.SharedSize, 3),
    UniqueSize: image.SharedSize === undefined || image.SharedSize < 0 ? "N/A" : humanSizeWithPrecision(image.Size - image.SharedSize, 3),
  };
  return withJson(row, "*formatter.imageContext");
}
