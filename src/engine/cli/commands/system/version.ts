import type { SystemVersion } from "../../../../shared/engine-api/system";
import { DRYDOCK_VERSION } from "../../../../shared/version";
import type { Verb } from "../../command";
import { CLIENT_API_VERSION } from "../../../client/engine-http-client";
import { compile } from "../../format/render";
import { TabWriter } from "../../format/tabwriter";

// Docker's layout for `docker version`, columns aligned by a tabwriter (minwidth 20, padding 1).
const TEMPLATE = `Client:{{if ne .Client.Platform.Name ""}} {{.Client.Platform.Name}}{{end}}
 Version:\t{{.Client.Version}}
 API version:\t{{.Client.APIVersion}}{{if ne .Client.APIVersion .Client.DefaultAPIVersion}} (downgraded from {{.Client.DefaultAPIVersion}}){{end}}
 Go version:\t{{.Client.GoVersion}}
 Git commit:\t{{.Client.GitCommit}}
 Built:\t{{.Client.BuildTime}}
 OS/Arch:\t{{.Client.Os}}/{{.Client.Arch}}
 Context:\t{{.Client.Context}}
{{- if .Server}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
{{- range .Components}}
 {{.Name}}:
  Version:\t{{.Version}}
  API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:\t{{index .Details "GoVersion"}}
  Git commit:\t{{index .Details "GitCommit"}}
  Built:\t{{index .Details "BuildTime"}}
  OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:\t{{index .Details "Experimental"}}
{{- end}}{{end}}{{end}}
`;

export const version: Verb = {
  name: "version",
  usage: "[OPTIONS]",
  short: "Show the Docker version information",
  flags: [{ name: "format", short: "f", type: "string", usage: "Format output using a custom template" }],
  async run(context, _args, flags) {
    const client = {
      Platform: { Name: "Drydock" },
      Version: DRYDOCK_VERSION,
      APIVersion: CLIENT_API_VERSION,
      DefaultAPIVersion: CLIENT_API_VERSION,
      GoVersion: "none (TypeScript)",
      GitCommit: "drydock",
      BuildTime: "",
      Os: "linux",
      Arch: "386",
      Context: context.contexts.current,
    };
    // A nil pointer, as Docker's is when the daemon does not answer.
    let server: (SystemVersion & { APIVersion: string }) | null = null;
    let failure: unknown;
    try {
      client.APIVersion = await context.api.apiVersion();
      const answer = await context.api.system.version();
      server = { ...answer, APIVersion: answer.ApiVersion };
    } catch (error) {
      failure = error;
    }
    const format = flags.string("format");
    if (format) {
      let text = "";
      try {
        text = compile(format === "json" ? "{{json .}}" : format).execute({ Client: client, Server: server });
      } catch (error) {
        // Without a server, `{{.Server.Version}}` fails; Docker says only why there is none.
        if (!failure) throw error;
      }
      await context.out(text + "\n");
    } else {
      const writer = new TabWriter({ minWidth: 20, tabWidth: 1, padding: 1, padChar: " " });
      writer.write(compile(TEMPLATE).execute({ Client: client, Server: server }));
      await context.out(writer.flush());
    }
    if (failure) throw failure;
    return 0;
  },
};
