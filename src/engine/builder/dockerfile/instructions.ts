/**
 * A parsed Dockerfile, before any variable is expanded: words keep their quotes and `$`s, as
 * written, because what a word expands to depends on the ARGs and ENVs of its stage at build
 * time (shell.ts expands them).
 */
export interface Dockerfile {
  /** The escape character from the `# escape=` directive: `\` unless it says "`". */
  escape: "\\" | "`";
  /** ARG instructions before the first FROM (usable in FROM lines only, unless redeclared). */
  metaArgs: ArgInstruction[];
  stages: Stage[];
}

export interface Stage {
  from: FromInstruction;
  /** Everything after the FROM up to the next FROM, ONBUILD triggers included as instructions. */
  instructions: Instruction[];
}

export interface Located {
  /** 1-based lines of the instruction (a continued instruction spans several). */
  line: number;
  endLine: number;
  /**
   * The instruction as Docker prints it in `Step 1/4 : ...` and history: the keyword as written,
   * continuation lines joined (the escape and newline removed), heredoc bodies left out.
   */
  original: string;
}

/** Exec form (a JSON array) or shell form (the rest of the line, run by SHELL). */
export type CommandLine = { form: "exec"; args: string[] } | { form: "shell"; command: string };

export interface Heredoc {
  /** The word after << (quotes removed); `expand` false when it was quoted (no expansion). */
  name: string;
  /**
   * The lines up to the terminator, line endings kept, as written: tabs are not stripped here even
   * with `chomp` (a RUN that passes the whole command to the shell lets the shell strip them).
   */
  content: string;
  expand: boolean;
  /** `<<-`: leading tabs are to be stripped from the content (chompHeredoc in heredoc.ts). */
  chomp: boolean;
}

export interface FromInstruction extends Located {
  kind: "FROM";
  image: string;
  /** The stage's name after AS, lowercased. */
  name?: string;
  platform?: string;
}

export interface RunInstruction extends Located {
  kind: "RUN";
  command: CommandLine;
  heredocs: Heredoc[];
}

export interface CmdInstruction extends Located {
  kind: "CMD" | "ENTRYPOINT";
  command: CommandLine;
}

export interface KeyValue {
  key: string;
  /** Unexpanded, quotes kept. */
  value: string;
}

export interface EnvInstruction extends Located {
  kind: "ENV" | "LABEL";
  pairs: KeyValue[];
}

export interface ArgInstruction extends Located {
  kind: "ARG";
  args: { name: string; default?: string }[];
}

export interface CopyInstruction extends Located {
  kind: "COPY" | "ADD";
  /** Unexpanded words (a heredoc's name stands for it); the last word is `dest`. */
  sources: string[];
  dest: string;
  from?: string;
  chown?: string;
  chmod?: string;
  link: boolean;
  heredocs: Heredoc[];
}

export interface WordsInstruction extends Located {
  /** EXPOSE ports, VOLUME paths (JSON or words), each unexpanded. */
  kind: "EXPOSE" | "VOLUME";
  words: string[];
}

export interface WordInstruction extends Located {
  kind: "USER" | "WORKDIR" | "STOPSIGNAL" | "MAINTAINER";
  /** The rest of the line, unexpanded. */
  value: string;
}

export interface ShellInstruction extends Located {
  kind: "SHELL";
  /** SHELL takes the JSON form only. */
  args: string[];
}

export interface HealthcheckInstruction extends Located {
  kind: "HEALTHCHECK";
  /** NONE turns off the base image's check. */
  test: CommandLine | "NONE";
  /** Docker's duration strings as written (30s, 1m30s); parsed by the builder. */
  interval?: string;
  timeout?: string;
  startPeriod?: string;
  startInterval?: string;
  retries?: number;
}

export interface OnbuildInstruction extends Located {
  kind: "ONBUILD";
  /** The trigger as written after ONBUILD (kept in the image config's OnBuild). */
  trigger: string;
  instruction: Exclude<Instruction, OnbuildInstruction>;
}

export type Instruction =
  | RunInstruction
  | CmdInstruction
  | EnvInstruction
  | ArgInstruction
  | CopyInstruction
  | WordsInstruction
  | WordInstruction
  | ShellInstruction
  | HealthcheckInstruction
  | OnbuildInstruction;
