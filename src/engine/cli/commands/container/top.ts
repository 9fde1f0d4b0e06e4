import type { Verb } from "../../command";
import { TabWriter } from "../../format/tabwriter";

export const top: Verb = {
  name: "top",
  usage: "CONTAINER [ps OPTIONS]",
  short: "Display the running processes of a container",
  args: { min: 1 },
  interspersed: false,
  async run(context, [name, ...psArgs]) {
    const result = await context.api.containers.top(name!, psArgs.length ? psArgs.join(" ") : undefined);
    // docker top's own tabwriter: wide columns (minwidth 20).
    const writer = new TabWriter({ minWidth: 20, tabWidth: 1, padding: 3, padChar: " " });
    writer.write(result.Titles.join("\t") + "\n");
    for (const process of result.Processes) writer.write(process.join("\t") + "\n");
    await context.out(writer.flush());
    return 0;
  },
};
