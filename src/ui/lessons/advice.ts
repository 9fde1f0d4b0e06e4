import { learnersRequest, type ExchangeSummary } from "../../shared/api-exchange";

/**
 * What to do about the usual mistakes, read from the learner's own requests (newest first), in
 * markdown: a `--name` run twice, and an image the offline hub does not have (Docker's own
 * "pull access denied ... docker login" says nothing of that).
 */
export function adviceFor(requests: readonly ExchangeSummary[], hubImages: readonly string[]): string | undefined {
  const learner = requests.filter(learnersRequest);
  for (const exchange of [...learner].reverse()) {
    const [path = "", query = ""] = exchange.path.replace(/^\/v\d+(?:\.\d+)?(?=\/)/, "").split("?");
    const params = new URLSearchParams(query);
    const name = params.get("name")?.replace(/^\//, "");
    if (exchange.method === "POST" && path === "/containers/create" && exchange.status === 409 && name) {
      return `A container named \`${name}\` is left from an earlier run, so Docker refused the new one (Conflict). \`docker rm -f ${name}\` removes it; then run the command again.`;
    }
    const image = params.get("fromImage");
    if (exchange.method === "POST" && path === "/images/create" && image && !hubImages.includes(repository(image))) {
      return `This Docker host is offline: its built-in hub has ${hubImages.map((i) => `\`${i}\``).join(" and ")}, and no \`${repository(image)}\`. Docker answers "pull access denied" for an image no registry it can reach has; there is nothing to log in for.`;
    }
  }
  return undefined;
}

/** busybox from busybox, docker.io/library/busybox:latest or library/busybox@sha256:... */
function repository(reference: string): string {
  return reference
    .replace(/@.*$/, "")
    .replace(/:[^/]*$/, "")
    .replace(/^docker\.io\//, "")
    .replace(/^library\//, "");
}
