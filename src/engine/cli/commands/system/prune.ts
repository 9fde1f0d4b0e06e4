import type { Verb } from "../../command";
import { confirm } from "../confirm";
import { humanSize } from "../../../../shared/human-size";

const WARNING = `WARNING! This will remove:
  - all stopped containers
  - all networks not used by at least one container
  - all dangling images

Are you sure you want to continue?`;

const WARNING_ALL = `WARNING! This will remove:
  - all stopped containers
  - all networks not used by at least one container
  - all images without at least one container associated to them

Are you sure you want to continue?`;

/** docker system prune: stopped containers, unused networks, then unused images (Drydock has no volumes, and the build cache is builder prune's). */
export const prune: Verb = {
  name: "prune",
  usage: "[OPTIONS]",
  short: "Remove unused data",
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Remove all unused images not just dangling ones" },
    { name: "force", short: "f", type: "bool", usage: "Do not prompt for confirmation" },
  ],
  async run(context, _args, flags) {
    const all = flags.bool("all");
    if (!flags.bool("force") && !(await confirm(context, all ? WARNING_ALL : WARNING))) return 0;
    const containers = await context.api.containers.prune();
    const networks = await context.api.networks.prune();
    const images = await context.api.images.prune(JSON.stringify({ dangling: { [all ? "false" : "true"]: true } }));
    let text = "";
    if (containers.ContainersDeleted?.length) text += `Deleted Containers:\n${containers.ContainersDeleted.join("\n")}\n\n`;
    if (networks.NetworksDeleted?.length) text += `Deleted Networks:\n${networks.NetworksDeleted.join("\n")}\n\n`;
    if (images.ImagesDeleted?.length) text += `Deleted Images:\n${images.ImagesDeleted.map((e) => (e.Deleted ? `deleted: ${e.Deleted}` : `untagged: ${e.Untagged}`)).join("\n")}\n\n`;
    await context.out(`${text}Total reclaimed space: ${humanSize(containers.SpaceReclaimed + images.SpaceReclaimed)}\n`);
    return 0;
  },
};
