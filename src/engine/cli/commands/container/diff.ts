import type { Verb } from "../../command";

const KINDS = ["C", "A", "D"];

export const diff: Verb = {
  name: "diff",
  usage: "CONTAINER",
  short: "Inspect changes to files or directories on a container's filesystem",
  args: { min: 1, max: 1 },
  async run(context, [name]) {
    const changes = (await context.api.containers.changes(name!)) ?? [];
    await context.out(changes.map((change) => `${KINDS[change.Kind]} ${change.Path}\n`).join(""));
    return 0;
  },
};
