/** Drydock's version: its daemon's (docker version's Server) and its CLI's (Client). */
export const DRYDOCK_VERSION = "0.4.0";
