// Paths as Go's path/filepath treats them on Linux: docker build's client resolves its context
// and -f with them before anything is read, and .dockerignore patterns are cleaned with them.

/** filepath.Clean: no ".", no "name/..", no doubled or trailing slashes; "" is ".". */
export function cleanPath(path: string): string {
  const rooted = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length > 0 && parts.at(-1) !== "..") parts.pop();
    else if (!rooted) parts.push("..");
  }
  const joined = parts.join("/");
  if (rooted) return `/${joined}`;
  return joined || ".";
}

export function joinPath(...parts: string[]): string {
  return cleanPath(parts.filter((part) => part !== "").join("/"));
}

/** filepath.Abs against the client's working directory. */
export function absolutePath(cwd: string, path: string): string {
  return path.startsWith("/") ? cleanPath(path) : joinPath(cwd, path);
}

export function baseName(path: string): string {
  const clean = cleanPath(path);
  return clean === "/" ? "/" : clean.slice(clean.lastIndexOf("/") + 1);
}

/** filepath.Rel for two absolute paths: "sub/Dockerfile", "../other/Dockerfile", ".". */
export function relativePath(from: string, to: string): string {
  const a = cleanPath(from).split("/").filter(Boolean);
  const b = cleanPath(to).split("/").filter(Boolean);
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return [...a.slice(same).map(() => ".."), ...b.slice(same)].join("/") || ".";
}
