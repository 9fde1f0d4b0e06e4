import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import { expandWord, expandWords } from "./shell";

const values: Record<string, string> = { FILE: "archive.tar.gz", PATH: "/usr/local/bin:/usr/bin:/bin", EMPTY: "", SPACED: " a  b ", NAME: "world" };
const env = (name: string) => values[name];

function failure(word: string): string {
  try {
    expandWord(word, env);
  } catch (error) {
    expect(error).toBeInstanceOf(DrydockError);
    expect((error as DrydockError).kind).toBe("InvalidParameter");
    return (error as DrydockError).message;
  }
  throw new Error(`expanded: ${word}`);
}

describe("expandWord", () => {
  it("expands $VAR and ${VAR}, unset as empty, and removes quotes", () => {
    expect(expandWord("hello $NAME", env)).toBe("hello world");
    expect(expandWord("${NAME}s", env)).toBe("worlds");
    expect(expandWord("[$UNSET]", env)).toBe("[]");
    expect(expandWord(`'$NAME' "$NAME" \\$NAME`, env)).toBe("$NAME world $NAME");
  });

  it("takes the default, alternative and required forms, with and without the colon", () => {
    expect(expandWord("${UNSET:-x} ${EMPTY:-x} ${EMPTY-x} ${NAME:-x}", env)).toBe("x x  world");
    expect(expandWord("${UNSET:+x}|${EMPTY:+x}|${EMPTY+x}|${NAME:+x}", env)).toBe("||x|x");
    expect(expandWord("${EMPTY?}${NAME:?}", env)).toBe("world");
    expect(failure("${UNSET?}")).toBe('failed to process "${UNSET?}": UNSET: is not allowed to be unset');
    expect(failure("${EMPTY:?set it}")).toBe('failed to process "${EMPTY:?set it}": EMPTY: set it');
  });

  it("removes the shortest or longest matching prefix or suffix", () => {
    expect(expandWord("${FILE#*.}|${FILE##*.}|${FILE%.*}|${FILE%%.*}", env)).toBe("tar.gz|gz|archive.tar|archive");
    expect(expandWord("${PATH#/usr/local/bin:}", env)).toBe("/usr/bin:/bin");
    expect(expandWord("${FILE%.zip}", env)).toBe("archive.tar.gz");
    expect(expandWord("${FILE#arch?ve}", env)).toBe(".tar.gz");
    expect(expandWord("${UNSET%x}", env)).toBe("");
    expect(failure("${FILE:#x}")).toBe('failed to process "${FILE:#x}": unsupported modifier (:#) in substitution');
    expect(failure("${FILE#\\x}")).toBe('failed to process "${FILE#\\\\x}": invalid pattern (\\x) in substitution: invalid escape \'\\x\'');
  });

  it("replaces the first match or every match", () => {
    expect(expandWord("${PATH/bin/sbin}", env)).toBe("/usr/local/sbin:/usr/bin:/bin");
    expect(expandWord("${PATH//bin/sbin}", env)).toBe("/usr/local/sbin:/usr/sbin:/sbin");
    expect(expandWord("${PATH//:/ }", env)).toBe("/usr/local/bin /usr/bin /bin");
    expect(expandWord("${PATH//\\//|}", env)).toBe("|usr|local|bin:|usr|bin:|bin");
    expect(expandWord("${FILE//*/x}", env)).toBe("x");
    expect(failure("${PATH/bin}")).toBe('failed to process "${PATH/bin}": syntax error: missing \'/\' in ${}');
  });

  it("reports BuildKit's syntax errors", () => {
    expect(failure("${}")).toBe('failed to process "${}": syntax error: bad substitution');
    expect(failure("${NAME")).toBe('failed to process "${NAME": unsupported modifier (\ufffd) in substitution');
    expect(failure("${NAME:-x")).toBe('failed to process "${NAME:-x": syntax error: missing \'}\'');
    expect(failure("${NAME:=x}")).toBe('failed to process "${NAME:=x}": unsupported modifier (:=) in substitution');
    expect(failure("'open")).toBe('failed to process "\'open": unexpected end of statement while looking for matching single-quote');
    expect(failure('"open')).toBe('failed to process "\\"open": unexpected end of statement while looking for matching double-quote');
  });

  it("uses the escape character it is given", () => {
    expect(expandWord("C:\\Users\\`$NAME `\"x`\"", env, "`")).toBe('C:\\Users\\$NAME "x"');
    expect(expandWord('"a`"b"', env, "`")).toBe('a"b');
  });
});

describe("expandWords", () => {
  it("splits at unquoted white space, in expanded values too", () => {
    expect(expandWords("80/tcp  $SPACED", env)).toEqual(["80/tcp", "a", "b"]);
    expect(expandWords('"$SPACED" x\\ y', env)).toEqual([" a  b ", "x y"]);
    expect(expandWords("'' a", env)).toEqual(["a"]);
  });
});
