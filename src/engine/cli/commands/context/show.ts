import type { Verb } from "../../command";

export const show: Verb = {
  name: "show",
  usage: "",
  short: "Print the name of the current context",
  local: true,
  async run({ contexts, out }) {
    await out(`${contexts.current}\n`);
    return 0;
  },
};
