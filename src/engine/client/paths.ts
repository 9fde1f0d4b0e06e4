/** A name in a URL path as Go's net/url writes it: "/" kept, "%", "?", "#" and spaces escaped. */
export const pathPart = (name: string) => encodeURI(name).replace(/[?#]/g, encodeURIComponent);

/** A container's path: "/web" (its Name, as inspect shows it) is the container "web". */
export const containerPath = (name: string) => `/containers/${pathPart(name.replace(/^\/+/, ""))}`;
