import { parseLessons, type Lesson } from "./lesson-format";

// Bundled at build time: the lessons are part of the app, offline like the rest of it.
const files = import.meta.glob<string>("../../../lessons/*.md", { query: "?raw", import: "default", eager: true });

export const LESSONS: Lesson[] = parseLessons(files);
