import { describe, expect, it } from "vitest";
import { DrydockError } from "../../../shared/errors";
import { goType, isTableFormat, parseTemplate, stripTable } from "./go-template";

interface Case {
  t: string;
  data?: unknown;
  missingKey?: boolean;
  out?: string;
  error?: string;
}

// What Go 1.19's text/template, with docker/cli's functions, printed for each template and
// data (decoded from JSON, whole numbers as ints), or the error it returned.
const GO: Case[] = [
  // text, trim, comments
  { t: "plain text, no actions", out: "plain text, no actions" },
  { t: "{{/* a comment */}}x{{- /* trimmed */ -}} y", out: "xy" },
  { t: "a  {{- .A -}}  b", data: {"A": 1}, out: "a1b" },
  { t: "a {{-3}} b {{3 -}} c", out: "a -3 b 3c" },
  { t: "{{ .A }}\n{{- .B }}\n\n{{- .C -}}\n\n!", data: {"A": 1, "B": 2, "C": 3}, out: "123!" },
  { t: "line1\n  {{- /* c */}}\nline2", out: "line1\nline2" },
  // fields
  { t: "{{.A.B.C}}", data: {"A": {"B": {"C": "deep"}}}, out: "deep" },
  { t: "{{.}}", data: {"a": 1, "b": [1, 2], "c": {"d": "x"}, "e": "s", "f": 1.5, "g": true}, out: "map[a:1 b:[1 2] c:map[d:x] e:s f:1.5 g:true]" },
  { t: "{{.Missing}} {{.Missing.Deeper}}", out: "<no value> <no value>" },
  { t: "{{$}} {{$.A}}", data: {"A": 1}, out: "map[A:1] 1" },
  { t: "{{.F}} {{.G}} {{.H}} {{.I}} {{.J}}", data: {"F": 0.1, "G": 1e-07, "H": 123456.789, "I": 1e+21, "J": -2.5}, out: "0.1 1e-07 123456.789 1e+21 -2.5" },
  { t: "{{.Ünïcode}}", data: {"Ünïcode": "yes"}, out: "yes" },
  // variables
  { t: "{{$x := .A}}{{$x}} {{$x.B}}", data: {"A": {"B": 2}}, out: "map[B:2] 2" },
  { t: "{{$x := 1}}{{$x = 2}}{{$x}}", out: "2" },
  { t: "{{with $x := .A}}{{$x}}{{end}}", data: {"A": "a"}, out: "a" },
  { t: "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", out: "2" },
  { t: "{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}", out: "21" },
  // literals
  { t: "{{\"a\\tb\\u00e9\\x41\\101\"}} {{`raw\\n`}} {{'a'}} {{'\\n'}} {{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}} {{1.5}} {{1e3}} {{-2}} {{+3}} {{.5}} {{true}} {{false}}", out: "a\tbéAA raw\\n 97 10 31 15 15 5 1000 1.5 1000 -2 3 0.5 true false" },
  { t: "{{print nil}} {{printf \"%v\" nil}}", out: "<nil> <nil>" },
  // calls and parentheses
  { t: "{{printf \"%s-%d\" (print \"a\" \"b\") (len .L)}}", data: {"L": [1, 2, 3]}, out: "ab-3" },
  { t: "{{(index .M \"k\").X}}", data: {"M": {"k": {"X": 5}}}, out: "5" },
  { t: "{{(.A).B}}", data: {"A": {"B": "chain"}}, out: "chain" },
  // pipes
  { t: "{{.A | printf \"%s!\"}}", data: {"A": "hi"}, out: "hi!" },
  { t: "{{\"x\" | printf \"%s %s\" \"y\"}}", out: "y x" },
  { t: "{{.L | len | printf \"%03d\"}}", data: {"L": [1, 2]}, out: "002" },
  { t: "{{.A | and 1}} {{0 | or 0}}", data: {"A": "last"}, out: "last 0" },
  // if / else
  { t: "{{if .A}}yes{{else}}no{{end}} {{if .B}}yes{{else if .C}}c{{else}}none{{end}} {{if .D}}{{else if .A}}a{{end}}", data: {"A": 1, "B": 0, "C": ""}, out: "yes none a" },
  { t: "{{if .E}}1{{end}}{{if .S}}2{{end}}{{if .M}}3{{end}}{{if .Z}}4{{end}}{{if .N}}5{{end}}{{if .F}}6{{end}}{{if .X}}7{{end}}", data: {"E": [], "S": "", "M": {}, "Z": 0, "N": null, "F": false}, out: "" },
  { t: "{{if and .A (not .B)}}ok{{end}}", data: {"A": 1, "B": 0}, out: "ok" },
  // range
  { t: "{{range .L}}[{{.}}]{{end}}", data: {"L": ["a", "b"]}, out: "[a][b]" },
  { t: "{{range $i, $v := .L}}{{$i}}:{{$v}} {{end}}", data: {"L": ["a", "b"]}, out: "0:a 1:b " },
  { t: "{{range $v := .L}}{{$v}}{{end}}", data: {"L": ["a", "b"]}, out: "ab" },
  { t: "{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}", data: {"M": {"b": 2, "a": 1, "B": 3, "a2": 4}}, out: "B=3;a=1;a2=4;b=2;" },
  { t: "{{range .M}}{{.}}{{end}}", data: {"M": {"b": 2, "a": 1}}, out: "12" },
  { t: "{{range .E}}x{{else}}empty{{end}}|{{range .EM}}x{{else}}empty map{{end}}", data: {"E": [], "EM": {}}, out: "empty|empty map" },
  { t: "{{range .Missing}}x{{else}}none{{end}}", out: "none" },
  { t: "{{range .L}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}", data: {"L": [0, 1, 2, 3, 4]}, out: "02" },
  { t: "{{range .L}}{{.A}},{{end}}", data: {"L": [{"A": 1}, {"A": 2}, {}]}, out: "1,2,<no value>," },
  { t: "{{range $i, $e := .L}}{{if $i}}, {{end}}{{$e}}{{end}}", data: {"L": ["x", "y", "z"]}, out: "x, y, z" },
  { t: "{{range .L}}{{$.P}}{{.}}{{end}}", data: {"L": [1, 2], "P": "p"}, out: "p1p2" },
  { t: "{{range $i, $v := .L}}{{else}}{{$v}}{{end}}", data: {"L": []}, out: "[]" },
  { t: "{{range .L}}{{range .}}{{.}}{{end}};{{end}}", data: {"L": [[1, 2], [3]]}, out: "12;3;" },
  { t: "{{$n := 0}}{{range .L}}{{$n = .}}{{end}}{{$n}}", data: {"L": [1, 2, 3]}, out: "3" },
  // with
  { t: "{{with .A}}{{.B}}{{else}}none{{end}} {{with .Z}}z{{else}}none{{end}}", data: {"A": {"B": 1}, "Z": ""}, out: "1 none" },
  // builtins
  { t: "{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" \"x\"}} {{or 0 \"\"}} {{not 1}} {{not \"\"}}", out: "0 2 x  false true" },
  { t: "{{len \"héllo\"}} {{len .L}} {{len .M}}", data: {"L": [1, 2], "M": {"a": 1}}, out: "6 2 1" },
  { t: "{{index .L 1}} {{index .M \"a\"}} {{index .N 0 1}} {{index \"abc\" 1}} {{index .M \"zz\"}}", data: {"L": [1, 2], "M": {"a": "A"}, "N": [[1, 2], [3, 4]]}, out: "2 A 2 98 <no value>" },
  { t: "{{slice \"abcdef\" 1 3}} {{slice \"abcdef\" 2}} {{slice .L 1 2}} {{slice .L}} {{slice .L 1 2 3}}", data: {"L": [1, 2, 3]}, out: "bc cdef [2] [1 2 3] [2]" },
  { t: "{{print 1 2 \"a\" \"b\" 3 true}}|{{println 1 \"a\"}}|{{print}}|{{print .L .M}}", data: {"L": [1], "M": {"k": "v"}}, out: "1 2ab3 true|1 a\n||[1] map[k:v]" },
  { t: "{{printf \"%v|%d|%s|%q|%t|%x|%X|%f|%.2f|%5s|%-5s|%05d|%+d|%e|%g|%c|%U|%#U|%o|%O|%b|%%\" 1.5 42 \"s\" \"q\\\"\" true 255 \"hi\" 3.14159 2.5 \"ab\" \"ab\" 42 5 1234.5678 0.000012 65 65 233 8 8 5}}", out: "1.5|42|s|\"q\\\"\"|true|ff|6869|3.141590|2.50|   ab|ab   |00042|+5|1.234568e+03|1.2e-05|A|U+0041|U+00E9 'é'|10|0o10|101|%" },
  { t: "{{printf \"%d %s\" \"x\" 3}} {{printf \"%d\"}} {{printf \"x\" 1 \"y\"}} {{printf \"%z\" 1}} {{printf \"%!\"}} {{printf \"%\"}} {{printf \"%5d\" \"ab\"}}", out: "%!d(string=x) %!s(int=3) %!d(MISSING) x%!(EXTRA int=1, string=y) %!z(int=1) %!!(MISSING) %!(NOVERB) %!d(string=   ab)" },
  { t: "{{printf \"%v %v %v\" .L .M nil}} {{printf \"%s\" .L}} {{printf \"%d\" .L}} {{printf \"%v\" .E}}", data: {"L": [1, "a", null], "M": {"b": 1, "a": [2]}, "E": []}, out: "[1 a <nil>] map[a:[2] b:1] <nil> [%!s(int=1) a <nil>] [1 %!d(string=a) <nil>] []" },
  { t: "{{printf \"%6.2f|%-8.3s|%x|% x|%#x|%q|%+q|%#q|%x|%08.3f|%+.1e|%-6d|\" 3.14159 \"abcdef\" \"hé\" \"hé\" 255 \"héllo\\n\" \"héllo\" \"back\" -255 -3.14159 12345.678 -42}}", out: "  3.14|abc     |68c3a9|68 c3 a9|0xff|\"héllo\\n\"|\"h\\u00e9llo\"|`back`|-ff|-003.142|+1.2e+04|-42   |" },
  { t: "{{printf \"%*d|%-*d|%.*f|%.3d|%.0d|%3c|%-4q|%#o|%#b\" 5 1 4 2 2 3.14159 7 0 65 66 8 5}}", out: "    1|2   |3.14|007||  A|'B' |010|0b101" },
  { t: "{{printf \"%T %T %T %T %T %T %T\" 1 1.5 \"s\" true .L .M nil}}", data: {"L": [1], "M": {}}, out: "int float64 string bool []interface {} map[string]interface {} <nil>" },
  { t: "{{printf \"%s|%10.4v|%-10v|%q\" .M 3.14159 true 65}}", data: {"M": {"x": "y"}}, out: "map[x:y]|     3.142|true      |'A'" },
  { t: "{{eq 1 1}} {{eq \"a\" \"b\"}} {{eq 1 2 3 1}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}} {{eq .Missing .Missing}} {{eq .N \"x\"}} {{eq .Missing 1}}", data: {"N": null}, out: "true false true true true true true false true false false" },
  { t: "{{html \"<a href=\\\"x\\\">&'</a>\"}} {{urlquery \"a b&c=d/é~\"}} {{js \"a'b\\\"c<d>=&é\"}} {{html 1 2}}", out: "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt; a+b%26c%3Dd%2F%C3%A9~ a\\'b\\\"c\\u003Cd\\u003E\\u003D\\u0026é 1 2" },
  // docker funcs
  { t: "{{json .}}", data: {"a": "<&>", "b": 1, "c": [1.5, null, true], "d": {}, "e": "\u2028\t\u0001é"}, out: "{\"a\":\"<&>\",\"b\":1,\"c\":[1.5,null,true],\"d\":{},\"e\":\"\\u2028\\t\\u0001é\"}" },
  { t: "{{json .S}} {{json .N}} {{json .Missing}} {{json 1.5}} {{json .L}}", data: {"S": "s\"q", "N": null, "L": []}, out: "\"s\\\"q\" null null 1.5 []" },
  { t: "{{split .S \",\"}} {{join (split .S \",\") \"|\"}} {{join .L \", \"}} {{join .M \"-\"}} {{join .Missing \",\"}} {{split \"abc\" \"\"}} {{len (split \"\" \",\")}}", data: {"S": "a,b,c", "L": [1, "x", 2.5], "M": {"x": "2", "y": "1"}}, out: "[a b c] a|b|c 1, x, 2.5 1-2  [a b c] 1" },
  { t: "{{title \"hello wORLD_x-y ünï\"}} {{lower \"ÀBC\"}} {{upper \"straße\"}} {{lower \"İ\"}} {{title \"ǆx\"}}", out: "Hello WORLD_x-Y Ünï àbc STRAßE i ǅx" },
  { t: "{{pad \"x\" 2 3}}|{{pad \"\" 2 3}}|{{truncate \"abcdef\" 3}}|{{truncate \"ab\" 3}}|{{truncate \"abc\" 3}}|{{truncate \"abc\" 0}}", out: "  x   ||abc|ab|abc|" },
  { t: "{{len (split \"a,b\" \",\")}} {{index (split \"a,b\" \",\") 1}} {{.A | lower | upper}}", data: {"A": "MiXed"}, out: "2 b MIXED" },
  { t: "{{join .L \",\"}}", data: {"L": "notaslice"}, error: "template: :1:2: executing \"\" at <join .L \",\">: error calling join: expected slice, got string" },
  // parse errors
  { t: "{{foo}}", error: "template: :1: function \"foo\" not defined" },
  { t: "{{.A", error: "template: :1: unclosed action" },
  { t: "{{if .A}}x", error: "template: :1: unexpected EOF" },
  { t: "{{end}}", error: "template: :1: unexpected {{end}}" },
  { t: "{{else}}", error: "template: :1: unexpected {{else}}" },
  { t: "a\n{{if .A}}\n{{else}}\n{{else}}{{end}}", error: "template: :4: expected end; found {{else}}" },
  { t: "{{$x}}", error: "template: :1: undefined variable \"$x\"" },
  { t: "{{.A | \"x\"}}", error: "template: :1: non executable command in pipeline stage 2" },
  { t: "{{}}", error: "template: :1: missing value for command" },
  { t: "{{.A \"x}}", error: "template: :1: unterminated quoted string" },
  { t: "{{.A!}}", error: "template: :1: bad character U+0021 '!'" },
  { t: "{{/* x }}", error: "template: :1: unclosed comment" },
  { t: "{{/* x */ y}}", error: "template: :1: comment ends before closing delimiter" },
  { t: "{{(.A}}", error: "template: :1: unclosed left paren" },
  { t: "{{.A)}}", error: "template: :1: unexpected \")\" in command" },
  { t: "{{3x}}", error: "template: :1: bad number syntax: \"3x\"" },
  { t: "{{1-2}}", error: "template: :1: bad number syntax: \"1-2\"" },
  { t: "a\n{{.A\n", error: "template: :3: unclosed action started at :2" },
  { t: "x\n{{.A\n.B | printf \"%d\" |\n}}", error: "template: :2:2: executing \"\" at <.A>: A is not a method but has arguments" },
  { t: "{{break}}", error: "template: :1: {{break}} outside {{range}}" },
  { t: "{{range .}}{{continue 1}}{{end}}", error: "template: :1: unexpected \"1\" in {{continue}}" },
  { t: "{{range $a, $b, $c := .}}{{end}}", error: "template: :1: too many declarations in range" },
  { t: "{{range $a, 1}}{{end}}", error: "template: :1: range can only initialize variables" },
  { t: "{{$a, $b := 1}}", error: "template: :1: too many declarations in command" },
  { t: "{{true.A}}", error: "template: :1: unexpected . after term \"true\"" },
  { t: "{{\"\\q\"}}", error: "template: :1: invalid syntax" },
  { t: "{{if}}{{end}}", error: "template: :1: missing value for if" },
  { t: "{{99999999999999999999}}", error: "template: :1: integer overflow: \"99999999999999999999\"" },
  { t: "{{with $x := .A}}{{$x}}{{end}}{{$x}}", error: "template: :1: undefined variable \"$x\"" },
  { t: "{{.A = 1}}", error: "template: :1: unexpected \"=\" in operand" },
  { t: "{{.A :}}", error: "template: :1: expected :=" },
  { t: "{{ . | printf \"%d\" 1 | }}", out: "1%!(EXTRA map[string]interface {}=map[])" },
  { t: "{{range .}}{{else if .}}{{end}}", error: "template: :1: unexpected <if> in input" },
  { t: "{{define \"x\"}}a{{end}}{{define \"x\"}}b{{end}}", error: "template: :1: template: multiple definition of template \"x\"" },
  { t: "{{template .A}}", error: "template: :1: unexpected \".A\" in template clause" },
  { t: "{{'ab'}}", error: "template: :1: malformed character constant: 'ab'" },
  { t: "{{.A.}}", error: "template: :1: unexpected <.> in operand" },
  { t: "{{# x}}", error: "template: :1: unexpected \"#\" in command" },
  { t: "{{.A }}", error: "template: :1: bad character U+00A0" },
  { t: "{{'\\n}}", error: "template: :1: unterminated character constant" },
  { t: "{{`raw}}", error: "template: :1: unterminated raw quoted string" },
  { t: "{{define \"a\"}}x", error: "template: :1: unexpected EOF" },
  { t: "{{.A \"this is a long unexpected string\" :}}", error: "template: :1: expected :=" },
  { t: "text\n\n{{if .X}}\n{{.X", error: "template: :4: unclosed action" },
  // exec errors
  { t: "{{.A.B}}", data: {"A": 1}, error: "template: :1:4: executing \"\" at <.A.B>: can't evaluate field B in type interface {}" },
  { t: "{{.A.B}}", data: {"A": null}, error: "template: :1:4: executing \"\" at <.A.B>: nil pointer evaluating interface {}.B" },
  { t: "{{.A.B.C}}", data: {"A": {"B": 2}}, error: "template: :1:4: executing \"\" at <.A.B.C>: can't evaluate field C in type interface {}" },
  { t: "{{$x := .A}}{{$x.B}}", data: {"A": 1}, error: "template: :1:16: executing \"\" at <$x.B>: can't evaluate field B in type int" },
  { t: "{{template \"x\"}}", error: "template: :1:11: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined" },
  { t: "{{define \"x\"}}X{{.}}{{end}}a{{template \"x\" 5}}b{{block \"y\" .A}}Y{{.}}{{end}}", data: {"A": "z"}, out: "aX5bYz" },
  { t: "{{template \"later\" .}}{{define \"later\"}}L{{.A}}{{end}}", data: {"A": 1}, out: "L1" },
  { t: "{{18446744073709551615}}", error: "template: :1:2: executing \"\" at <18446744073709551615>: 18446744073709551615 overflows int" },
  { t: "{{$x := 1}}{{$x 2}}", error: "template: :1:13: executing \"\" at <$x>: can't give argument to non-function $x" },
  { t: "{{1 2}}", error: "template: :1:2: executing \"\" at <1>: can't give argument to non-function 1" },
  { t: "{{nil}}", error: "template: :1:2: executing \"\" at <nil>: nil is not a command" },
  { t: "{{.A 1}}", data: {"A": 1}, error: "template: :1:2: executing \"\" at <.A>: A is not a method but has arguments" },
  { t: "{{len 3}} ", error: "template: :1:2: executing \"\" at <len 3>: error calling len: len of type int" },
  { t: "{{len .Missing}}", error: "template: :1:2: executing \"\" at <len .Missing>: error calling len: reflect: call of reflect.Value.Type on zero Value" },
  { t: "{{len .N}}", data: {"N": null}, error: "template: :1:2: executing \"\" at <len .N>: error calling len: len of nil pointer" },
  { t: "{{index .L 5}}", data: {"L": [1, 2]}, error: "template: :1:2: executing \"\" at <index .L 5>: error calling index: index out of range: 5" },
  { t: "{{index .L 2}}", data: {"L": [1, 2]}, error: "template: :1:2: executing \"\" at <index .L 2>: error calling index: reflect: slice index out of range" },
  { t: "{{index .L \"a\"}}", data: {"L": [1, 2]}, error: "template: :1:2: executing \"\" at <index .L \"a\">: error calling index: cannot index slice/array with type string" },
  { t: "{{index .M 1}}", data: {"M": {}}, error: "template: :1:2: executing \"\" at <index .M 1>: error calling index: value has type int; should be string" },
  { t: "{{index .Missing 1}}", error: "template: :1:2: executing \"\" at <index .Missing 1>: error calling index: index of untyped nil" },
  { t: "{{index 3 1}}", error: "template: :1:2: executing \"\" at <index 3 1>: error calling index: can't index item of type int" },
  { t: "{{printf 1}}", error: "template: :1:9: executing \"\" at <1>: expected string; found 1" },
  { t: "{{printf .A}}", data: {"A": 1}, error: "template: :1:9: executing \"\" at <.A>: wrong type for value; expected string; got int" },
  { t: "{{printf .Missing}}", error: "template: :1:9: executing \"\" at <.Missing>: invalid value; expected string" },
  { t: "{{split .A}}", data: {"A": "x"}, error: "template: :1:2: executing \"\" at <split>: wrong number of args for split: want 2 got 1" },
  { t: "{{printf}}", error: "template: :1:2: executing \"\" at <printf>: wrong number of args for printf: want at least 1 got 0" },
  { t: "{{.A | split \"x\"}}", data: {"A": 1}, error: "template: :1:13: executing \"\" at <\"x\">: wrong type for value; expected string; got int" },
  { t: "{{pad \"x\" \"a\" 1}}", error: "template: :1:10: executing \"\" at <\"a\">: expected integer; found \"a\"" },
  { t: "{{pad \"x\" 1.5 1}}", error: "template: :1:10: executing \"\" at <1.5>: expected integer; found 1.5" },
  { t: "{{pad \"x\" nil 1}}", error: "template: :1:10: executing \"\" at <nil>: cannot assign nil to int" },
  { t: "{{truncate \"abc\" .F}}", data: {"F": 1.5}, error: "template: :1:17: executing \"\" at <.F>: wrong type for value; expected int; got float64" },
  { t: "{{lt 1 \"a\"}}", error: "template: :1:2: executing \"\" at <lt 1 \"a\">: error calling lt: incompatible types for comparison" },
  { t: "{{lt .L .L}}", data: {"L": []}, error: "template: :1:2: executing \"\" at <lt .L .L>: error calling lt: invalid type for comparison" },
  { t: "{{lt true false}}", error: "template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison" },
  { t: "{{eq .L .L}}", data: {"L": [1]}, error: "template: :1:2: executing \"\" at <eq .L .L>: error calling eq: non-comparable type [%!s(int=1)]: []interface {}" },
  { t: "{{eq .L .M}}", data: {"L": [1], "M": {}}, error: "template: :1:2: executing \"\" at <eq .L .M>: error calling eq: non-comparable types [%!s(int=1)]: []interface {}, map[string]interface {}: map[]" },
  { t: "{{eq 1 \"a\"}}", error: "template: :1:2: executing \"\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison" },
  { t: "{{eq 1}}", error: "template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison" },
  { t: "{{slice \"abc\" 2 1}} ", error: "template: :1:2: executing \"\" at <slice \"abc\" 2 1>: error calling slice: invalid slice index: 2 > 1" },
  { t: "{{slice \"abc\" 1 2 3}}", error: "template: :1:2: executing \"\" at <slice \"abc\" 1 2 3>: error calling slice: cannot 3-index slice a string" },
  { t: "{{slice 3}}", error: "template: :1:2: executing \"\" at <slice 3>: error calling slice: can't slice item of type int" },
  { t: "{{range .S}}{{end}}", data: {"S": "abc"}, error: "template: :1:8: executing \"\" at <.S>: range can't iterate over abc" },
  { t: "{{range .F}}{{end}}", data: {"F": 1.5}, error: "template: :1:8: executing \"\" at <.F>: range can't iterate over 1.5" },
  { t: "line1\n  {{.A.B}}", data: {"A": 1}, error: "template: :2:6: executing \"\" at <.A.B>: can't evaluate field B in type interface {}" },
  { t: "héllo {{.A.B}}", data: {"A": 1}, error: "template: :1:11: executing \"\" at <.A.B>: can't evaluate field B in type interface {}" },
  { t: "{{.A}}{{.B | printf \"%d\" | printf \"%s\" 1 2}}", data: {"A": 1, "B": 2}, out: "1%!s(int=1)%!(EXTRA int=2, string=2)" },
  { t: "{{(print \"x\").A}}", error: "template: :1:9: executing \"\" at <\"x\">: can't evaluate field A in type string" },
  { t: "{{nil.A}}", error: "template: :1: unexpected . after term \"nil\"" },
  { t: "{{and}}", error: "template: :1:2: executing \"\" at <and>: wrong number of args for and: want at least 1 got 0" },
  { t: "{{not 1 2}}", error: "template: :1:2: executing \"\" at <not>: wrong number of args for not: want 1 got 2" },
  { t: "{{with .A}}{{.B}}{{end}}", data: {"A": [1]}, error: "template: :1:13: executing \"\" at <.B>: can't evaluate field B in type []interface {}" },
  // missingkey=error (docker inspect's raw retry)
  { t: "{{.A.B}}", data: {"A": {}}, missingKey: true, error: "template: :1:4: executing \"\" at <.A.B>: map has no entry for key \"B\"" },
  { t: "{{.X.Y}}", missingKey: true, error: "template: :1:4: executing \"\" at <.X.Y>: map has no entry for key \"X\"" },
  { t: "{{.A.B.C}}", data: {"A": {}}, missingKey: true, error: "template: :1:4: executing \"\" at <.A.B.C>: map has no entry for key \"B\"" },
  { t: "{{.A}} {{index .M \"x\"}}", data: {"A": 1, "M": {}}, missingKey: true, out: "1 <no value>" },
  { t: "{{.A.B}}", data: {"A": null}, missingKey: true, error: "template: :1:4: executing \"\" at <.A.B>: nil pointer evaluating interface {}.B" },
];

function run(t: string, data: unknown, missingKey?: boolean): string {
  return parseTemplate(t, {}, { missingKey: missingKey ? "error" : "default" }).execute(data);
}

describe("parseTemplate, as Go runs it", () => {
  it.each(GO)("$t", ({ t, data, missingKey, out, error }) => {
    if (error === undefined) expect(run(t, data ?? {}, missingKey)).toBe(out);
    else expect(() => run(t, data ?? {}, missingKey)).toThrow(error);
  });

  it("throws InvalidParameter errors", () => {
    expect(() => parseTemplate("{{.A")).toThrow(DrydockError);
    try {
      parseTemplate("{{.A.B}}").execute({ A: 1 });
    } catch (error) {
      expect(error).toBeInstanceOf(DrydockError);
      expect((error as DrydockError).kind).toBe("InvalidParameter");
    }
  });
});

describe("JavaScript data as Go values", () => {
  const labels: Record<string, string> = { "com.x": "x-value" };
  const row = {
    ID: "abc",
    Label: (name: string) => labels[name] ?? "",
    Names: () => "web",
    Fail: () => {
      throw new Error("boom");
    },
  };

  it("calls function properties as methods, with arguments", () => {
    expect(parseTemplate('{{.ID}} {{.Label "com.x"}} {{.Names}} {{"com.x" | .Label}}').execute(row)).toBe("abc x-value web x-value");
    expect(() => parseTemplate("{{.Label}}").execute(row)).toThrow('template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0');
    expect(() => parseTemplate("{{.Fail}}").execute(row)).toThrow('template: :1:2: executing "" at <.Fail>: error calling Fail: boom');
  });

  it("reads a class instance as a struct: methods, getters, and an error for a missing field", () => {
    class Context {
      constructor(private readonly id: string) {}
      ID(): string {
        return this.id;
      }
      get Short(): string {
        return this.id.slice(0, 2);
      }
    }
    const context = new Context("abcdef");
    expect(parseTemplate("{{.ID}} {{.Short}}").execute(context)).toBe("abcdef ab");
    expect(() => parseTemplate("{{.Nope}}").execute(context)).toThrow('template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *Context');
  });

  it("reads an object marked with goType as that struct", () => {
    const context = { [goType]: "*formatter.ContainerContext", ID: "abc" };
    expect(parseTemplate("{{.ID}}").execute(context)).toBe("abc");
    expect(() => parseTemplate("{{.Foo}}").execute(context)).toThrow('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext');
    expect(() => parseTemplate("{{.ID 1}}").execute(context)).toThrow("ID has arguments but cannot be invoked as function");
  });

  it("prints null as a nil pointer and undefined as no value", () => {
    expect(parseTemplate("{{.A}} {{.B}} {{.C}} {{json .A}}").execute({ A: null, B: undefined })).toBe("<nil> <no value> <no value> null");
    expect(() => parseTemplate("{{.A.B}}").execute({ A: null })).toThrow("nil pointer evaluating interface {}.B");
  });

  it("never takes what every object inherits for a map key", () => {
    expect(parseTemplate("{{.toString}} {{.constructor}}").execute({})).toBe("<no value> <no value>");
  });

  it("prints an object with its own toString as that string (a Go Stringer)", () => {
    class Port {
      toString(): string {
        return "80/tcp";
      }
    }
    expect(parseTemplate("{{.}} {{printf \"%s|%5v\" . .}}").execute(new Port())).toBe("80/tcp 80/tcp|80/tcp");
  });

  it("asks a proxy whether it has a key (the header row's context answers yes to all)", () => {
    const headers: Record<string, string> = { ID: "CONTAINER ID" };
    const context = new Proxy(headers, { has: () => true, get: (target, key) => (typeof key === "string" ? (target[key] ?? "") : undefined) });
    expect(parseTemplate("{{.ID}}\t{{.Other}}").execute(context)).toBe("CONTAINER ID\t");
  });

  it("keeps the data's key order in json (API objects are already in Go's order), and honours toJSON", () => {
    expect(parseTemplate("{{json .}}").execute({ b: 1, a: [2, 1.5] })).toBe('{"b":1,"a":[2,1.5]}');
    expect(parseTemplate("{{json .}}").execute({ x: 1, toJSON: () => ({ y: 2 }) })).toBe('{"y":2}');
    expect(() => parseTemplate("{{json .}}").execute({ n: NaN })).toThrow("error calling json: json: unsupported value: NaN");
  });

  it("prints whole numbers as ints and others as float64", () => {
    expect(parseTemplate("{{.A}} {{.B}} {{.C}} {{.D}}").execute({ A: 33554432, B: 0.5, C: 1e21, D: -0 })).toBe("33554432 0.5 1e+21 0");
  });
});

describe("newer Go", () => {
  it("ranges over an integer (Go 1.24)", () => {
    expect(parseTemplate("{{range 3}}{{.}}{{end}}|{{range $i := .N}}{{$i}}{{else}}none{{end}}").execute({ N: 0 })).toBe("012|none");
    expect(() => parseTemplate("{{range $i, $v := 3}}{{end}}").execute({})).toThrow('template: :1:18: executing "" at <3>: can\'t use 3 to iterate over more than one variable');
  });

  it("chains {{else with}} (Go 1.23)", () => {
    const t = parseTemplate("{{with .A}}a{{.}}{{else with .B}}b{{.}}{{else}}c{{end}}");
    expect([t.execute({ A: 1, B: 2 }), t.execute({ B: 2 }), t.execute({})]).toEqual(["a1", "b2", "c"]);
  });
});

describe("functions", () => {
  it("adds and overrides functions, as Go's Funcs does", () => {
    const shout = (s: unknown) => `${String(s).toUpperCase()}!`;
    expect(parseTemplate("{{shout .A}} {{.A | shout}}", { shout }).execute({ A: "hi" })).toBe("HI! HI!");
    expect(parseTemplate("{{json .A}} {{upper .A}}", { json: (v) => v }).execute({ A: "x" })).toBe("x X");
  });

  it("lets a function named break or continue shadow the keyword", () => {
    expect(parseTemplate("{{break}}", { break: () => "b" }).execute({})).toBe("b");
  });

  it("reports a function's error as Go does", () => {
    const fail = () => {
      throw new Error("no such thing");
    };
    expect(() => parseTemplate("x {{fail 1}}", { fail }).execute({})).toThrow('template: :1:4: executing "" at <fail 1>: error calling fail: no such thing');
  });

  it("stops a template calling itself forever", () => {
    expect(() => parseTemplate('{{define "r"}}{{template "r"}}{{end}}{{template "r"}}').execute({})).toThrow("exceeded maximum template depth (1000)");
  });

  it("keeps no variables from one execution to the next", () => {
    const t = parseTemplate("{{$x := .A}}{{$x}}");
    expect([t.execute({ A: 1 }), t.execute({ A: 2 })]).toEqual(["1", "2"]);
  });
});

describe("docker inspect's missingkey=error", () => {
  it("names the missing key", () => {
    const t = parseTemplate("{{.State.Health.Status}}", {}, { missingKey: "error" });
    expect(() => t.execute({ State: { Status: "running" } })).toThrow('template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"');
    expect(t.execute({ State: { Health: { Status: "healthy" } } })).toBe("healthy");
  });
});

describe("table formats", () => {
  it("tells a table format by its prefix, as docker/cli does", () => {
    expect([isTableFormat("table {{.ID}}"), isTableFormat("table"), isTableFormat("tablefoo"), isTableFormat("{{.ID}}"), isTableFormat(" table")]).toEqual([true, true, true, false, false]);
  });

  it("strips the prefix and spaces, and turns \\t and \\n into tabs and newlines", () => {
    expect(stripTable("table {{.ID}}\\t{{.Names}}")).toBe("{{.ID}}\t{{.Names}}");
    expect(stripTable("  {{.ID}}\\n ")).toBe("{{.ID}}\n");
    expect(stripTable("\t{{.ID}} ")).toBe("\t{{.ID}}");
    expect(stripTable("table")).toBe("");
  });
});
